// What was typed and not yet saved survives a reload, a closed tab or a lost connection: it is
// kept in this browser until the server has it.
import type { ReturnFormValues } from "./model.ts";

export interface LocalDraft {
  /** The server version the typing was based on. */
  version: number;
  values: ReturnFormValues;
  at: string;
}

const keyOf = (userId: number, indicatorId: number, quarterId: number) => `quarterly-returns:draft:${userId}:${indicatorId}:${quarterId}`;

export function readLocalDraft(userId: number, indicatorId: number, quarterId: number): LocalDraft | null {
  try {
    const stored = localStorage.getItem(keyOf(userId, indicatorId, quarterId));
    return stored ? (JSON.parse(stored) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(userId: number, indicatorId: number, quarterId: number, draft: LocalDraft) {
  try {
    localStorage.setItem(keyOf(userId, indicatorId, quarterId), JSON.stringify(draft));
  } catch {
    // Storage full or forbidden: the autosave to the server still works.
  }
}

export function clearLocalDraft(userId: number, indicatorId: number, quarterId: number) {
  try {
    localStorage.removeItem(keyOf(userId, indicatorId, quarterId));
  } catch {
    // Nothing to do.
  }
}
