/**
 * The parts of natural the classifier uses, imported in this one place.
 *
 * They come from the typed modules that natural's package entry re-exports (`export * from
 * './stemmers'`, `'./distance'` in its index.d.ts), not from the entry itself: `import ... from
 * 'natural'` also loads its storage back-ends (mongoose, redis, pg, memcached), which run
 * `dotenv.config()` on load. That prints five "injected env" lines to stdout (breaking the JSON
 * lines of `npm run classify`), reads `.env` from the working directory into process.env, and costs
 * about 1 s and 115 MB on every cold start. See docs/classifier.md, "How it works".
 */
import type * as Stemmers from 'natural/lib/natural/stemmers';

export { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';

// The English and Dutch stemmers from their own modules: natural's stemmers entry loads the stemmers of twelve
// more languages, the Japanese and Indonesian ones with their dictionaries (about 3 MB of heap). natural ships
// types for the entry only, so the types are taken from there.
/* eslint-disable @typescript-eslint/no-require-imports -- natural's single stemmer modules have no types of their own */
export const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as typeof Stemmers.PorterStemmer;
export const PorterStemmerNl =
  require('natural/lib/natural/stemmers/porter_stemmer_nl') as typeof Stemmers.PorterStemmerNl;
/* eslint-enable @typescript-eslint/no-require-imports -- the two stemmers above */
