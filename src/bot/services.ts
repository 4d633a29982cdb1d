import type { AppConfig } from '../config';
import type { Classifier, Lang, Persona } from '../core';
import type { PersonaLibrary } from '../content/personaLibrary';
import type { Logger } from '../logging';
import type { DemoHub } from '../server/projector/demoHub';
import type { ChartStore } from './chartStore';
import type { DemoMeters } from './demoMeters';
import type { ExportFile } from './feedbackMessage';
import type { PracticeState } from './practiceState';
import type { ProgressStore } from './progressStore';
import type { SessionCache } from './sessionCache';

/** What the dialogs need from the outside world, injected once: no globals, no process.env. */
export interface PracticeServices {
  personas: PersonaLibrary;
  classifier: Classifier;
  state: PracticeState;
  /** Role-plays this process is playing, so a turn need not replay its stored log. */
  sessions: SessionCache;
  /** Puts a report file at the upload address Teams gave (see teamsFiles.ts); injected so tests use a local server. */
  uploadFile: (uploadUrl: string, file: ExportFile) => Promise<void>;
  /** Each trainee's recent scores, for `/progress`. */
  progress: ProgressStore;
  defaultLang: Lang;
  retention: AppConfig['retention'];
  log: Logger;
  /** Milliseconds; injected so tests control time. */
  clock: () => number;
  /** A seed for a new role-play; injected so tests can fix it. */
  newSeed: () => number;
  /** Where Teams loads chart images from: both needed, else Teams gets the text sparkline. */
  charts?: ChartStore;
  publicUrl?: string;
  /** Group demos: the projector hub and where Teams meter cards are. */
  demoHub?: DemoHub;
  demoMeters?: DemoMeters;
  /** This server's own address (local use without PUBLIC_URL), for projector links in web chat. */
  localUrl?: () => string | undefined;
}

export function findPersonaIn(services: PracticeServices, id: string): Persona | undefined {
  const wanted = id.toLowerCase();
  return services.personas.personas.find((p) => p.id === wanted);
}
