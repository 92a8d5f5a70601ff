import { useEffect } from "react";

/** Each page names itself first in the window title, as screen-reader users hear it. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Quarterly Returns`;
  }, [title]);
}
