// The vocabularies of the contract. They mirror the database enums of prisma/schema.prisma
// (a test keeps them equal) so the web app can use them without Prisma.

export const ROLES = ["DATA_OWNER", "MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const QUARTER_STATUSES = ["PLANNED", "OPEN", "CLOSED"] as const;
export type QuarterStatus = (typeof QUARTER_STATUSES)[number];

export const POLARITIES = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "NEUTRAL"] as const;
export type Polarity = (typeof POLARITIES)[number];

export const FIELD_KINDS = ["COUNT", "DECIMAL", "PERCENT", "RANK", "TEXT"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const RETURN_STATUSES = ["DRAFT", "SUBMITTED", "NO_DATA"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const NO_DATA_REASONS = ["NOT_YET_AVAILABLE", "NOT_RELEASED", "NO_UPDATE", "NOT_PROVIDED"] as const;
export type NoDataReason = (typeof NO_DATA_REASONS)[number];

export const RAGS = ["RED", "AMBER", "GREEN"] as const;
export type Rag = (typeof RAGS)[number];

export const QUERY_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];

export const DELIVERY_STATUSES = ["SENT", "FAILED", "NOT_SENT"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const PERIOD_BASES = ["QUARTER", "YEAR_TO_DATE", "ROLLING_12_MONTHS", "COHORT", "AS_STATED"] as const;
export type PeriodBasis = (typeof PERIOD_BASES)[number];
