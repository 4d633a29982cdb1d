/** Content's one import surface: the persona library and the classifier rules, read from the repository. */
export {
  COMMON_FILE,
  defaultPersonaDir,
  findPersona,
  loadPersonaLibrary,
  placeholderSyntaxError,
  placeholdersIn,
  type PersonaLibrary,
} from './personaLibrary';
export type { PersonaProblem } from './personaProblem';
export { contentVersion, loadRuleVersions } from './contentVersion';
export { lintCommon, lintPersona, lintPersonaLibrary, MAX_LINE_CHARS } from './personaLint';
export {
  DEFAULT_RULE_CACHE_DIR,
  defaultRulesDir,
  loadClassifierRules,
  loadDefaultClassifier,
  loadRuleFile,
  loadRulesOnlyClassifier,
  RULES_SCHEMA_FILE,
  validateRuleSet,
} from './classifierRules';
export { LEARNED_SCHEMA_FILE, learnedModelFile, loadLearnedModel, validateLearnedModel } from './learnedModels';
/** Where the repository (personas/, rules/) is; re-exported so content users need one import. */
export { findRepoRoot } from '../repoRoot';
