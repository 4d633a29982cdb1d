/** The personas and classifier rules that ship with the bot, loaded once per test file, and a stage to play on. */
import { loadDefaultClassifier, loadPersonaLibrary, loadRuleVersions } from '../../src/content';
import type { Persona, Stage } from '../../src/core';

export const shippedLibrary = loadPersonaLibrary();
export const shippedClassifier = loadDefaultClassifier();
export const shippedRulesVersions = loadRuleVersions();

export function shippedPersona(id: string): Persona {
  const persona = shippedLibrary.personas.find((p) => p.id === id);
  if (!persona) throw new Error(`no shipped persona ${id}`);
  return persona;
}

/** What a role-play with this shipped persona plays on (default: the municipal benefits office). */
export function shippedStage(personaId = 'municipal-benefits'): Stage {
  return { persona: shippedPersona(personaId), common: shippedLibrary.common, classifier: shippedClassifier };
}
