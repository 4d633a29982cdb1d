/** Dialog ids: exported constants so tests and the bot never spell them twice. */
export const MAIN_DIALOG = 'mainDialog';
export const MAIN_WATERFALL = 'mainWaterfall';
export const CHOOSE_SCENARIO_DIALOG = 'chooseScenarioDialog';
export const ROLE_PLAY_DIALOG = 'rolePlayDialog';
export const FEEDBACK_DIALOG = 'feedbackDialog';
export const DEMO_DIALOG = 'demoDialog';
