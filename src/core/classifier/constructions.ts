/**
 * How a reply is built, sentence by sentence: is it a question, and is that question a genuine
 * one about the customer's facts or wishes ("Komt de storing door de nieuwe omvormer?", "Did you
 * lose your job because of the pandemic?") or a reproach ("Waarom heeft u niet ...", "Can't you
 * read?")? Rules name labels that a genuine question cannot carry: a lone cue word ("because of",
 * "door") inside a kind question is no blame. Word classes come from the rule file
 * (`constructions:`), so the judgement is data, not code.
 */
import type { Token } from './text';

/** The rule file's `constructions:` section: word classes, canonical (lowercased, no accents or apostrophes). */
export interface ConstructionWords {
  /** Words a genuine question may start with: auxiliaries and question words (`is`, `did`, `wat`, `welke`). */
  questionOpener?: string[];
  /** Words that turn a question into a reproach or a rhetorical one (negators, `soms`, `even`, `waarom`, `toch`). */
  reproachMarker?: string[];
  /** Question words (`wat`, `how`): a question opening with one is not a reproach by a `yesNoReproachMarker`. */
  whOpener?: string[];
  /** Reproach markers only in a yes/no question (`zelf`, `yourself`). */
  yesNoReproachMarker?: string[];
  /** Labels whose matches are dropped when they lie wholly inside a genuine question. */
  genuineQuestionDrops?: string[];
}

/** Sentence facts of one reply, by token index. */
export class SentenceShapes {
  /** For each token: is its sentence a genuine question? */
  private readonly genuine: boolean[];

  constructor(tokens: readonly Token[], words: CompiledConstructionWords) {
    this.genuine = new Array<boolean>(tokens.length).fill(false);
    let a = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (!tokens[i].boundary && i < tokens.length - 1) continue;
      if (isGenuineQuestion(tokens, a, i + 1, words)) this.genuine.fill(true, a, i + 1);
      a = i + 1;
    }
  }

  /** Do tokens t0..t1 (end exclusive) all lie in genuine questions? */
  inGenuineQuestion(t0: number, t1: number): boolean {
    for (let i = t0; i < t1; i++) if (!this.genuine[i]) return false;
    return t1 > t0;
  }
}

/** Marks the `?` closing each genuine question, so that patterns can name it as `#gq`. */
export function markGenuineQuestions(tokens: Token[], words: CompiledConstructionWords): void {
  let a = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].boundary && i < tokens.length - 1) continue;
    const genuine = isGenuineQuestion(tokens, a, i + 1, words);
    for (let j = a; j <= i; j++)
      tokens[j].genuineQuestion = genuine && tokens[j].kind === 'punct' && tokens[j].raw.includes('?');
    a = i + 1;
  }
}

export interface CompiledConstructionWords {
  opener: ReadonlySet<string>;
  reproach: ReadonlySet<string>;
  wh: ReadonlySet<string>;
  yesNoReproach: ReadonlySet<string>;
  drops: ReadonlySet<string>;
}

export function compileConstructionWords(words: ConstructionWords | undefined): CompiledConstructionWords {
  return {
    opener: new Set(words?.questionOpener ?? []),
    reproach: new Set(words?.reproachMarker ?? []),
    wh: new Set(words?.whOpener ?? []),
    yesNoReproach: new Set(words?.yesNoReproachMarker ?? []),
    drops: new Set(words?.genuineQuestionDrops ?? []),
  };
}

/**
 * A genuine question: the sentence ends with `?`, opens with a question word or an auxiliary
 * (after an optional "so"/"en", a comma-led tag like "do you think?" is fine), and holds no
 * reproach marker. Shouting is never genuine.
 */
export function isGenuineQuestion(
  tokens: readonly Token[],
  a: number,
  b: number,
  words: CompiledConstructionWords,
): boolean {
  if (b <= a || !tokens[b - 1].raw.includes('?')) return false;
  let first = a;
  while (first < b && tokens[first].kind !== 'word') first++;
  if (first >= b || !words.opener.has(tokens[first].canon)) return false;
  const whQuestion = words.wh.has(tokens[first].canon);
  let capsWords = 0;
  for (let i = a; i < b; i++) {
    const t = tokens[i];
    if (t.kind === 'word' && words.reproach.has(t.canon)) return false;
    if (t.kind === 'word' && !whQuestion && words.yesNoReproach.has(t.canon)) return false;
    if (t.caps) capsWords++;
  }
  return capsWords < 2;
}
