/** Group demo mode: pure room transitions, the view model, the export, and their texts. */
export * from './types';
export * from './demoRoom';
export { renderDemoExport, DEMO_EXPORT_FORMAT, type DemoExportFormat, type DemoExportFile } from './demoExport';
export {
  refusalText,
  addressedRefusal,
  GROUP_OUTCOME_TEXT,
  BAND_TEXT,
  DEMO_LABELS,
  demoLabel,
  type DemoLabelKey,
} from './demoTexts';
