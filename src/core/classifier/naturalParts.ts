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
export { PorterStemmer, PorterStemmerNl } from 'natural/lib/natural/stemmers';
export { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';
