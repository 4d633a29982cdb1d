/** Group demo mode: pure room transitions, the view model, and their texts. */
export * from './types';
export * from './demoRoom';
export {
  refusalText,
  addressedRefusal,
  GROUP_OUTCOME_TEXT,
  BAND_TEXT,
  DEMO_LABELS,
  demoLabel,
  type DemoLabelKey,
} from './demoTexts';
