// The demo: the Safer Stockton Partnership's 2019/20 performance report (the document is kept
// beside the schema as prisma/stockton-ssp-2019-20-q3.tsv), turned into the product's data by
// hand. Figures are structured where the report gives numbers; narrative that the figures do not
// say is kept as commentary in the report's own words. A test reads the document and checks this
// file against it, row by row and cell by cell.
import { wordsBesideFigure, type FieldKind, type NoDataReason, type Polarity, type Role } from "@quarterly-returns/shared";

export const DEMO_PASSWORD = "demo1234";

export interface DemoOrganisation {
  key: string;
  name: string;
  shortName: string;
  contactName: string | null;
  contactEmail: string;
}

export const organisations: DemoOrganisation[] = [
  { key: "iom", name: "Cleveland Police IOM Unit", shortName: "IOM", contactName: "Zoe Green", contactEmail: "iom@demo.test" },
  { key: "crc", name: "DTV Community Rehabilitation Company", shortName: "CRC", contactName: "Paul Haley", contactEmail: "crc@demo.test" },
  { key: "yot", name: "SBC Youth Offending Team", shortName: "YOT", contactName: "Arron Bendelow", contactEmail: "yot@demo.test" },
  { key: "pcc", name: "Office of the PCC", shortName: "PCC", contactName: "Becky Childs", contactEmail: "pcc@demo.test" },
  { key: "cps", name: "SBC Community Protection Services", shortName: "CPS", contactName: "Community Protection Services Manager", contactEmail: "cps@demo.test" },
  { key: "police", name: "Cleveland Police", shortName: "Police", contactName: null, contactEmail: "police@demo.test" },
  { key: "publichealth", name: "SBC Public Health", shortName: "Public Health", contactName: "Mandy Mackinnon", contactEmail: "publichealth@demo.test" },
  { key: "fire", name: "Cleveland Fire Brigade", shortName: "Fire", contactName: "Maria Watson", contactEmail: "fire@demo.test" },
];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  organisation?: string;
}

export const users: DemoUser[] = [
  { email: "admin@demo.test", name: "Jo Adams", role: "ADMIN" },
  { email: "manager@demo.test", name: "Chris Manning", role: "MANAGER" },
  { email: "iom@demo.test", name: "Zoe Green", role: "DATA_OWNER", organisation: "iom" },
  { email: "crc@demo.test", name: "Paul Haley", role: "DATA_OWNER", organisation: "crc" },
  { email: "yot@demo.test", name: "Arron Bendelow", role: "DATA_OWNER", organisation: "yot" },
  { email: "pcc@demo.test", name: "Becky Childs", role: "DATA_OWNER", organisation: "pcc" },
  { email: "cps@demo.test", name: "Lee Carter", role: "DATA_OWNER", organisation: "cps" },
  { email: "police@demo.test", name: "Sam Patel", role: "DATA_OWNER", organisation: "police" },
  { email: "publichealth@demo.test", name: "Mandy Mackinnon", role: "DATA_OWNER", organisation: "publichealth" },
  { email: "fire@demo.test", name: "Maria Watson", role: "DATA_OWNER", organisation: "fire" },
];

export const year = {
  label: "2019/20",
  planYear: 3,
  startDate: "2019-04-01",
  endDate: "2020-03-31",
};

export interface DemoQuarter {
  number: 1 | 2 | 3 | 4;
  startDate: string;
  endDate: string;
  /** null: the open quarter, due a few weeks after the day the demo is created. */
  dueDate: string | null;
  /** When the returns came in; null for the open quarter. */
  submittedOn: string | null;
  signedOffOn: string | null;
}

export const quarters: DemoQuarter[] = [
  { number: 1, startDate: "2019-04-01", endDate: "2019-06-30", dueDate: "2019-07-31", submittedOn: "2019-07-24", signedOffOn: "2019-08-14" },
  { number: 2, startDate: "2019-07-01", endDate: "2019-09-30", dueDate: "2019-10-31", submittedOn: "2019-10-23", signedOffOn: "2019-11-13" },
  { number: 3, startDate: "2019-10-01", endDate: "2019-12-31", dueDate: "2020-01-31", submittedOn: "2020-01-22", signedOffOn: "2020-02-12" },
  { number: 4, startDate: "2020-01-01", endDate: "2020-03-31", dueDate: null, submittedOn: null, signedOffOn: null },
];

/** Days from the demo's creation to the open quarter's due date. */
export const OPEN_QUARTER_DUE_IN_DAYS = 21;

export interface DemoField {
  key: string;
  label: string;
  kind: FieldKind;
  unit?: string;
  comparesWithPreviousYear?: boolean;
  required?: boolean;
}

/** A field's figure: a number, or a rank with its "out of", with last year's figure if compared; or text. */
export type DemoValue = number | { value: number; previousYear?: number; outOf?: number } | { text: string };

export type DemoUpdate =
  | { values?: Record<string, DemoValue>; commentary?: string }
  | { noData: NoDataReason; availableFrom?: string; explanation?: string };

export interface DemoIndicator {
  /** null on a continuation line, as the document leaves the Ref cell empty. */
  ref: string | null;
  title: string;
  owner: string;
  leadContact: string | null;
  restricted?: boolean;
  polarity: Polarity;
  headline?: string;
  fields: DemoField[];
  /** Quarters 1–3 (signed off); the open quarter 4 starts empty. */
  updates: [DemoUpdate, DemoUpdate, DemoUpdate];
}

export interface DemoPriority {
  number: number;
  title: string;
  outcome: string;
  indicators: DemoIndicator[];
}

const NOT_PROVIDED: DemoUpdate = { noData: "NOT_PROVIDED" };
/** The owner sent nothing, and the report said so in its own words. */
const NO_UPDATE_PROVIDED: DemoUpdate = { noData: "NOT_PROVIDED", explanation: "No update provided" };
const NOT_AVAILABLE_UNTIL_28_OCT: DemoUpdate = { noData: "NOT_YET_AVAILABLE", availableFrom: "2019-10-28" };
const YOT_NOT_RELEASED: DemoUpdate = {
  noData: "NOT_RELEASED",
  explanation: "YOT data not released in line with SSP requirements. Report to be updated when National Stats are made available",
};
const percent = (key: string, label: string): DemoField => ({ key, label, kind: "PERCENT", required: true });
const HATE_CRIME_ACTION_PLAN =
  "SBC - Hate Crime Action Plan and monitored during Quarterly Steering Group Meetings. Monthly Operational Group in place to discuss incidents reported to Police/Partners/3rd Party Reporting Centres";
const MODERN_SLAVERY =
  "All scheduled training has been completed. Community Protection and Social Care Teams continue to monitor any emerging issues in connection with Modern Slavery and Human Trafficking.";
const DRUG_PERCEPTION =
  "Data extracted from the last 12 months ending March 2019 shows 22.8% of people perceived drug dealing/usage to be an issue in their local area, this is a 4.6% increase on the previous year.";
const FIRE_FIELDS: DemoField[] = [
  { key: "dwellings", label: "a. Deliberate dwelling fires", kind: "COUNT", unit: "dwelling fires", comparesWithPreviousYear: true, required: true },
  { key: "vehicles", label: "b. Deliberate vehicle fires", kind: "COUNT", unit: "vehicle fires", comparesWithPreviousYear: true, required: true },
  { key: "commercial", label: "c. Deliberate industrial & commercial premises fires", kind: "COUNT", unit: "industrial & commercial fires", comparesWithPreviousYear: true, required: true },
];
const fires = (dwellings: [number, number], vehicles: [number, number], commercial: [number, number]): DemoUpdate => ({
  values: {
    dwellings: { previousYear: dwellings[0], value: dwellings[1] },
    vehicles: { previousYear: vehicles[0], value: vehicles[1] },
    commercial: { previousYear: commercial[0], value: commercial[1] },
  },
});
const compared = (previousYear: number, value: number) => ({ previousYear, value });
/** The words of a cell beside the figures it gives, which are stored as figures: so the report states each figure once. */
const besideFigures = (cell: string, figures: number[]) => figures.reduce<string | null>((words, figure) => words && wordsBesideFigure(words, String(figure)), cell) ?? undefined;
const comparedInCell = (key: string, previousYear: number, value: number, cell: string): DemoUpdate => ({
  values: { [key]: compared(previousYear, value) },
  commentary: besideFigures(cell, [value]),
});

export const priorities: DemoPriority[] = [
  {
    number: 1,
    title: "REDUCE REOFFENDING BY THE MOST PROLIFIC OFFENDERS",
    outcome: "Fewer people re-offending - reduction in reoffending rates",
    indicators: [
      {
        ref: "1.1",
        title: "Monitor the number of reoffenders",
        owner: "iom",
        leadContact: "Zoe Green",
        polarity: "LOWER_IS_BETTER",
        headline: "crimes",
        fields: [
          { key: "crimes", label: "Crimes committed by IOM nominals", kind: "COUNT", unit: "crimes", required: true },
          { key: "nominals", label: "Nominals who committed crimes with a positive outcome", kind: "COUNT", unit: "nominals", required: true },
          { key: "linkedCrimes", label: "Crimes linked with a positive outcome", kind: "COUNT", unit: "crimes linked with a positive outcome", required: true },
        ],
        updates: [
          {
            values: { crimes: 118, nominals: 18, linkedCrimes: 42 },
            commentary:
              "118 crimes (that occurred between April – Jun 19 were committed by nominals with active flags of *S District* and *IOM*) 18 nominals committed 42 crimes (linked with a positive outcome to those 118 crimes).",
          },
          {
            values: { crimes: 97, nominals: 17, linkedCrimes: 32 },
            commentary:
              "97crimes (that occurred between July – September 19 were committed by nominals with active flags of *S District* and *IOM*) 17 nominals committed 32 crimes (linked with a positive outcome to those 97 crimes).",
          },
          {
            values: { crimes: 164, nominals: 16, linkedCrimes: 42 },
            commentary:
              "164 crimes (that occurred between October 19 – December 19) were committed by nominals with active flags of *S District* and *IOM*. 16 nominals committed 42 crimes linked with a positive outcome to those 164 crimes.",
          },
        ],
      },
      {
        ref: null,
        title: "Monitor the average number of re-offences within current cohort in comparison to the previous year",
        owner: "iom",
        leadContact: "Zoe Green",
        polarity: "LOWER_IS_BETTER",
        headline: "averageReoffences",
        fields: [{ key: "averageReoffences", label: "Average re-offences per nominal in the cohort", kind: "DECIMAL", required: true }],
        updates: [{ values: { averageReoffences: 2.8 } }, NOT_PROVIDED, NOT_PROVIDED],
      },
      {
        ref: "1.2",
        title: "% of positive completions of Community Orders and Suspended Sentence orders",
        owner: "crc",
        leadContact: "Paul Haley",
        polarity: "HIGHER_IS_BETTER",
        headline: "positiveCompletions",
        fields: [percent("positiveCompletions", "Positive completions")],
        updates: [{ values: { positiveCompletions: 72.6 } }, NOT_AVAILABLE_UNTIL_28_OCT, { values: { positiveCompletions: 74.6 } }],
      },
      {
        ref: "1.3",
        title: "% of positive completions on licenses",
        owner: "crc",
        leadContact: "Paul Haley",
        polarity: "HIGHER_IS_BETTER",
        headline: "positiveCompletions",
        fields: [percent("positiveCompletions", "Positive completions on licence")],
        updates: [{ values: { positiveCompletions: 100 } }, NOT_AVAILABLE_UNTIL_28_OCT, { values: { positiveCompletions: 92.6 } }],
      },
      {
        ref: "1.4",
        title: "% of offenders recalled",
        owner: "crc",
        leadContact: "Paul Haley",
        polarity: "LOWER_IS_BETTER",
        headline: "recalled",
        fields: [percent("recalled", "Offenders recalled")],
        updates: [{ values: { recalled: 3.5 } }, NOT_AVAILABLE_UNTIL_28_OCT, { values: { recalled: 2.63 } }],
      },
      {
        ref: "1.5",
        title: "% of offenders released from prison with settled accommodation",
        owner: "crc",
        leadContact: "Paul Haley",
        polarity: "HIGHER_IS_BETTER",
        headline: "settledAccommodation",
        fields: [percent("settledAccommodation", "Released with settled accommodation")],
        updates: [{ values: { settledAccommodation: 77.4 } }, NOT_AVAILABLE_UNTIL_28_OCT, { values: { settledAccommodation: 78.6 } }],
      },
      {
        ref: "1.6",
        title: "Reduction in youth offending",
        owner: "yot",
        leadContact: "Arron Bendelow",
        polarity: "LOWER_IS_BETTER",
        headline: "reoffendingRate",
        fields: [{ key: "reoffendingRate", label: "Youth reoffending rate", kind: "PERCENT" }],
        updates: [YOT_NOT_RELEASED, YOT_NOT_RELEASED, { commentary: "Report Submitted 20/01/2020 for Q2 Data. Q3 not yet available" }],
      },
      {
        ref: "1.7",
        title: "Monitor the number of Restorative Justice referrals",
        owner: "pcc",
        leadContact: "Becky Childs",
        polarity: "NEUTRAL",
        fields: [],
        updates: [
          {
            commentary:
              "4 x PPO referrals received during Q1 however none of the cases progressed to RJ Intervention during the period due to 3 x offender disengagement and 1 x domestic related offence.",
          },
          {
            commentary:
              "Restorative Interventions and criminal justice outcomes were achieved within Q2 - Offender Cases - 1 x meeting, 3 x shuttle mediation, 2 x victim awareness intervention, 5 x Letter of explanations, . Victim Cases - 6 x Letter of explanations, 6 x Shuttle mediation, 1 x recorded message.",
          },
          {
            commentary:
              "Stockton 5 referrals received and managed during Quarter 3. Referrals consisted of the following sources. CRC x 1, Divert x 1, NPS x 1 Police x 1 and YOT x 1",
          },
        ],
      },
    ],
  },
  {
    number: 2,
    title: "PROTECTING VULNERABLE PEOPLE AND COMMUNITIES",
    outcome: "Ensure we have the right specialist services in place to meet the needs of the most vulnerable",
    indicators: [
      {
        ref: "2.1",
        title: "Continued roll out with the Prevent programme within communities within Stockton",
        owner: "cps",
        leadContact: "Community Protection Services Manager",
        polarity: "NEUTRAL",
        fields: [],
        updates: [
          { commentary: "Training ongoing as requested from internal departments" },
          { commentary: "Training ongoing as requested from internal departments" },
          { commentary: "Training ongoing as requested from internal departments" },
        ],
      },
      {
        ref: "2.2",
        title: "Monitor the repeat incident rate for domestic abuse in a rolling 12 month period",
        owner: "police",
        leadContact: null,
        polarity: "LOWER_IS_BETTER",
        headline: "repeatRate",
        fields: [
          { key: "repeatRate", label: "Repeat incident rate, rolling 12 months", kind: "PERCENT", comparesWithPreviousYear: true, required: true },
        ],
        updates: [
          comparedInCell("repeatRate", 47.5, 47.0, "June 18 / June 19 - 47.0%\nThe rolling 12-month repeat rate has decreased by 0.5% compared to 47.5% last year"),
          comparedInCell("repeatRate", 46.7, 43.5, "Sept 18 / Sept 19 - 43.5%\nThe rolling 12-month repeat rate has decreased by 3.1% points compared to 46.7% last year"),
          comparedInCell("repeatRate", 46.7, 44.7, "Dec 18 / Dec 19 - 44.7%\nThe rolling 12-month repeat rate has decreased by 2.0% points compared to 46.7% last year"),
        ],
      },
      {
        ref: "2.3",
        title:
          "Increase organisational awareness and response to the anti-slavery commissioner to tackle modern day slavery and trafficking",
        owner: "cps",
        leadContact: "Community Protection Services Manager",
        polarity: "NEUTRAL",
        fields: [],
        updates: [{ commentary: MODERN_SLAVERY }, { commentary: MODERN_SLAVERY }, { commentary: MODERN_SLAVERY }],
      },
      {
        ref: "2.4",
        title: "To increase reporting of Hate crime to the police and third party reporting centres encompassing all strands of Hate.",
        owner: "cps",
        leadContact: null,
        polarity: "HIGHER_IS_BETTER",
        headline: "incidents",
        fields: [
          { key: "incidents", label: "Hate incidents reported to the police, year to date", kind: "COUNT", unit: "incidents reported", comparesWithPreviousYear: true, required: true },
        ],
        updates: [
          comparedInCell("incidents", 78, 67, `Police Apr 19 - June 19 - 67 incidents reported compared to 78 last year, a reduction of 11 incidents.\n${HATE_CRIME_ACTION_PLAN}`),
          comparedInCell("incidents", 158, 137, `Police - Apr 19 - Sept 19 - 137 incidents reported compared to 158 last year, a reduction of 21 incidents.\n${HATE_CRIME_ACTION_PLAN}`),
          comparedInCell("incidents", 221, 195, "Police - Apr 19 - Dec 19 - 195 incidents reported compared to 221 last year, a reduction of 26 incidents.\nSBC - Quarterly Steering Group Meetings held. Monthly Operationsl Group in place to discuss incidents reports. Review of Third Party Reporting Centre Training to be completed."),
        ],
      },
    ],
  },
  {
    number: 3,
    title: "REDUCE CRIME LINKED TO ALCOHOL AND DRUG MISUSE",
    outcome: "Reduction in number of offences and increase in referrals to specialist services",
    indicators: [
      {
        ref: "3.1",
        title:
          "Reduce the % of people who think drug dealing is an issue in Stockton via the monitoring of the results from the Local Confidence Public Survey (Cleveland Police).",
        owner: "cps",
        leadContact: null,
        polarity: "LOWER_IS_BETTER",
        headline: "perceivedIssue",
        fields: [percent("perceivedIssue", "People who perceive drug dealing or usage as an issue locally")],
        updates: [
          { values: { perceivedIssue: 22.8 }, commentary: DRUG_PERCEPTION },
          { values: { perceivedIssue: 22.8 }, commentary: `${DRUG_PERCEPTION} - No update from last SSP` },
          { noData: "NO_UPDATE" },
        ],
      },
      {
        ref: "3.2",
        title: "Monitoring the development of the Alcohol Strategy Group",
        owner: "publichealth",
        leadContact: "Mandy Mackinnon",
        polarity: "NEUTRAL",
        fields: [],
        updates: [
          {
            commentary:
              "Heath & Wellbeigh Board approved a strategic framework for Alcohol. The Strategic Group 'Alcohol Steering Group, in its new form, meets for the first time 4th September",
          },
          NO_UPDATE_PROVIDED,
          NO_UPDATE_PROVIDED,
        ],
      },
      {
        ref: "3.4",
        title: "% of successful completions of those in drug treatment for opiates",
        owner: "publichealth",
        leadContact: "Jane Smith",
        polarity: "HIGHER_IS_BETTER",
        headline: "successfulCompletions",
        fields: [percent("successfulCompletions", "Successful completions"), { key: "baseline", label: "Baseline", kind: "PERCENT" }],
        updates: [
          { values: { successfulCompletions: 3.16, baseline: 2.75 }, commentary: besideFigures("NDTMS data as at May 19 3.16% (baseline 2.75%) -", [3.16, 2.75]) },
          NO_UPDATE_PROVIDED,
          NO_UPDATE_PROVIDED,
        ],
      },
      {
        ref: null,
        title: "% of successful completions of those in drug treatment for non opiates.",
        owner: "publichealth",
        leadContact: "Jane Smith",
        polarity: "HIGHER_IS_BETTER",
        headline: "successfulCompletions",
        fields: [percent("successfulCompletions", "Successful completions"), { key: "baseline", label: "Baseline", kind: "PERCENT" }],
        updates: [{ values: { successfulCompletions: 20.13, baseline: 28.3 } }, NO_UPDATE_PROVIDED, NO_UPDATE_PROVIDED],
      },
    ],
  },
  {
    number: 4,
    title: "Community Safety & Protection",
    outcome:
      "Maintain an above average performance level for crime compared to other CSPs. Increase awareness of community safety issues",
    indicators: [
      {
        ref: "4.1",
        title: "Comparison of crime against other Community Safety Partnerships using IQUANTA",
        owner: "cps",
        leadContact: null,
        restricted: true,
        polarity: "LOWER_IS_BETTER",
        headline: "rank",
        fields: [
          { key: "rank", label: "Rank among the most similar group of CSPs", kind: "RANK", required: true },
          { key: "againstAverage", label: "Performance against the most similar group's average", kind: "TEXT", required: true },
        ],
        updates: [
          { values: { rank: { value: 9, outOf: 15 }, againstAverage: { text: "Performing above MSG average level" } } },
          { values: { rank: { value: 10, outOf: 15 }, againstAverage: { text: "Performing above MSG average level" } } },
          {
            values: { rank: { value: 10, outOf: 15 }, againstAverage: { text: "Performing at MSG average level" } },
            commentary: "Data only goes up to Oct 2019",
          },
        ],
      },
      {
        ref: "4.2",
        title: "Levels of police recorded ASB incidents",
        owner: "cps",
        leadContact: null,
        polarity: "LOWER_IS_BETTER",
        headline: "incidents",
        fields: [
          { key: "incidents", label: "Police recorded ASB incidents", kind: "COUNT", unit: "ASB incidents", comparesWithPreviousYear: true, required: true },
        ],
        updates: [
          { values: { incidents: compared(2767, 2424) } },
          { values: { incidents: compared(2825, 2319) } },
          { values: { incidents: compared(2304, 1728) } },
        ],
      },
      {
        ref: null,
        title: "SBC Neighbourhood services ASB incidents (ASB codes Individual/Group/Noise)",
        owner: "cps",
        leadContact: null,
        polarity: "LOWER_IS_BETTER",
        headline: "requests",
        fields: [
          { key: "requests", label: "Requests for service linked to ASB", kind: "COUNT", unit: "requests for service linked to ASB", comparesWithPreviousYear: true, required: true },
        ],
        // The report gives this year's figure and the reduction; last year's is their sum.
        updates: [
          { values: { requests: compared(748 + 144, 748) } },
          { values: { requests: compared(915 + 98, 915) } },
          { values: { requests: compared(750 + 115, 750) } },
        ],
      },
      {
        ref: "4.3",
        title: "Monitor the number of ASB repeat callers to SBC",
        owner: "cps",
        leadContact: null,
        polarity: "LOWER_IS_BETTER",
        headline: "repeatCallers",
        fields: [{ key: "repeatCallers", label: "ASB repeat callers", kind: "COUNT", unit: "repeat callers", required: true }],
        updates: [{ values: { repeatCallers: 3 } }, { values: { repeatCallers: 2 } }, { values: { repeatCallers: 1 } }],
      },
      {
        ref: "4.5",
        title:
          "Reduce Deliberate F1 (Property Fires); These would have a breakdown as the following; a. Deliberate dwellings b. Deliberate vehicles c. Deliberate Industrial & Commercial premises",
        owner: "fire",
        leadContact: "Maria Watson / Kirsty Speight (for Stockton Figures)",
        polarity: "LOWER_IS_BETTER",
        headline: "dwellings",
        fields: FIRE_FIELDS,
        updates: [fires([4, 5], [17, 15], [3, 0]), fires([11, 9], [32, 31], [5, 1]), fires([16, 12], [45, 40], [8, 4])],
      },
      {
        ref: "4.6",
        title: "Reduce deliberate small / nuisance / ASB fires (F3 fires)",
        owner: "fire",
        leadContact: "Maria Watson / Kirsty Speight (for Stockton Figures)",
        polarity: "LOWER_IS_BETTER",
        headline: "fires",
        fields: [
          { key: "fires", label: "Deliberate small, nuisance and ASB fires (F3)", kind: "COUNT", unit: "F3 fires", comparesWithPreviousYear: true, required: true },
        ],
        updates: [
          { values: { fires: compared(161, 230) } },
          { values: { fires: compared(326, 426) } },
          { values: { fires: compared(492, 501) } },
        ],
      },
    ],
  },
];
