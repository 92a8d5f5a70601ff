// zod for the contract: the tree-shakable "mini" build (these schemas run in the data owner's
// browser, which has a download budget: scripts/check-bundle.mjs), with plain English messages
// for the problems a schema does not word itself, since mini ships no locale.
//
// The API's answers are described by plain z.object schemas: encoding an answer drops every key a
// schema does not declare, so nothing undeclared leaves the API, and it refuses one-way
// transforms, so answers have none. The web app imports only their types, which keeps them out of
// its bundle.
import * as z from "zod/mini";

z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "unrecognized_keys":
        return `Unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
      case "invalid_type":
        return issue.input === undefined ? "This is required" : `Expected ${issue.expected}`;
      case "invalid_value":
        return `Expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      case "too_small":
        return `Too small: expected ${issue.origin === "string" ? "at least" : "at least"} ${String(issue.minimum)}${issue.origin === "string" ? " characters" : ""}`;
      case "too_big":
        return `Too big: expected at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : ""}`;
      default:
        return "Invalid value";
    }
  },
});

export { z };
