/** The seven steps of the plan a trainer teaches, in order. */
export const PLAN_STEPS = [
  'stopAndBreathe',
  'acknowledge',
  'clarifyGoal',
  'summarize',
  'offerChoices',
  'setLimit',
  'closeWithAgreement',
] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];
