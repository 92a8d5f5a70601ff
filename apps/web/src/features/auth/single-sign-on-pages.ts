import { lazy } from "react";

// Single sign-on's buttons on the sign-in page and its own pages, loaded when first shown: one
// loader in the data owner's first download (scripts/check-bundle.mjs), for both.
export const SingleSignOnPages = lazy(() => import("./SingleSignOnPages.tsx"));
