import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  createFeaturizer,
  type LabelledText,
  type TextClassifier,
  trainClassifier,
} from '../../knowledge/classifier.js';
import { type Knowledge, UNKNOWN_LABEL } from '../../knowledge/index.js';
import type { Normalizer } from '../../knowledge/normalize.js';
import type { Segmenter } from '../../knowledge/segment.js';
import type { Pause } from '../../knowledge/slices.js';
import type { ActionQuestion } from './action-questions.js';
import { type ActionIntent, INTENTS } from './intents.js';

/** The labels of the example file: every action intent, and `faq` for rule questions that sound like actions. */
export type ExampleLabel = ActionIntent | 'faq';
const LABELS = INTENTS.filter((intent): intent is ExampleLabel => intent !== 'unknown');
const ACTIONS: ReadonlySet<string> = new Set(LABELS.filter((label) => label !== 'faq'));

const examplesSchema = z.object(
  Object.fromEntries(LABELS.map((label) => [label, z.array(z.string().min(1)).min(5)])),
);
export type IntentExamples = Record<ExampleLabel, string[]>;

export function parseIntentExamples(yamlText: string): IntentExamples {
  return intentExamplesFrom(parse(yamlText));
}

/** Checks the already parsed examples (a bundle carries them parsed at build time). */
export function intentExamplesFrom(document: unknown): IntentExamples {
  return examplesSchema.parse(document) as IntentExamples;
}

export function loadIntentExamples(
  path = new URL('./intent-examples.yaml', import.meta.url),
): IntentExamples {
  return parseIntentExamples(readFileSync(path, 'utf8'));
}

export interface IntentGuess {
  /**
   * The kind of the classifier's most probable label: an action intent, `faq` (a knowledge entry
   * or a rule question that sounds like an action) or `unknown` (not ours).
   */
  label: ActionIntent | 'faq' | 'unknown';
  /** Probability of that one label. */
  probability: number;
  /** The most probable action intent, and its probability. */
  action: ActionIntent;
  actionProbability: number;
  unknownProbability: number;
  /**
   * Probability that the message is a question for the knowledge base: the sum over every entry
   * and the `faq` hard negatives. The knowledge base is one answer spread over many labels, so an
   * action must be weighed against this sum, not against each entry on its own.
   */
  faqProbability: number;
}

export interface IntentModel {
  classify(normalizedText: string): IntentGuess;
  /**
   * For a message in which the rules read an action: the probability that it asks about the action
   * (how long, whether allowed, through which channel) rather than for it; 0 without examples.
   */
  asksAbout(normalizedText: string): number;
}

/**
 * Intent classification learned from examples: one multinomial logistic regression (see
 * knowledge/classifier.ts) over the action examples of intent-examples.yaml (label: the intent),
 * its `faq` hard negatives, every knowledge entry's example questions (label: the entry) and the
 * out-of-scope messages (`unknown`). It generalises the rules of intents.ts to wordings they do
 * not list; the assistant asks it only when no rule has decided.
 */
export function createIntentClassifier(
  examples: IntentExamples,
  normalize: Normalizer,
  /** Its terms are features of the action questions' model (without it, characters only). */
  segmenter?: Segmenter,
  /** Messages in which the rules read an action, labelled `about` or `for` it (see action-questions.ts). */
  actionQuestions: readonly ActionQuestion[] = [],
) {
  const labelled: LabelledText[] = LABELS.flatMap((label) =>
    examples[label].map((text) => ({ label, text: normalize(text) })),
  );
  const asksAbout = askingModel(actionQuestions, normalize, segmenter);
  const models = new WeakMap<Knowledge, IntentModel>();
  return {
    examples: labelled as readonly LabelledText[],
    /** Trains the model for a knowledge ahead, in slices (a new version built while turns go on). */
    async prepare(knowledge: Knowledge, pause: Pause): Promise<void> {
      await knowledge.trainWith(labelled, pause);
    },
    /** The model trained with this knowledge's entries and out-of-scope messages (trained once). */
    forKnowledge(knowledge: Knowledge): IntentModel {
      let model = models.get(knowledge);
      if (!model) {
        model = { ...intentModel(knowledge.classifierWith(labelled)), asksAbout };
        models.set(knowledge, model);
      }
      return model;
    },
  };
}

/**
 * A second, binary logistic regression over the action questions: whether a message asks about the
 * action the rules read in it or for it. It depends on no knowledge entry, so it is trained once (a
 * couple of thousand short messages, well under a second).
 */
function askingModel(
  questions: readonly ActionQuestion[],
  normalize: Normalizer,
  segmenter: Segmenter | undefined,
): (normalizedText: string) => number {
  if (!questions.some((q) => q.asks === 'about') || !questions.some((q) => q.asks === 'for')) return () => 0;
  const featurize = createFeaturizer(segmenter ? (text) => segmenter.terms(text) : () => []);
  const model = trainClassifier(
    questions.map(({ asks, q }) => ({ label: asks, text: normalize(q) })),
    featurize,
    // Far fewer questions about an action than requests for one: both kinds weigh alike.
    { balance: 1 },
  );
  const about = model.labels.indexOf('about');
  return (text) => model.probabilities(text)[about] ?? 0;
}

function intentModel(classifier: TextClassifier): Omit<IntentModel, 'asksAbout'> {
  const { labels } = classifier;
  const kindOf = labels.map((label) =>
    ACTIONS.has(label) ? (label as ActionIntent) : label === UNKNOWN_LABEL ? 'unknown' : 'faq',
  );
  return {
    classify(text) {
      const p = classifier.probabilities(text);
      let best = 0;
      let bestAction = -1;
      let unknownProbability = 0;
      let faqProbability = 0;
      for (let c = 0; c < labels.length; c++) {
        const pc = p[c] ?? 0;
        if (pc > (p[best] ?? 0)) best = c;
        if (kindOf[c] === 'unknown') unknownProbability = pc;
        else if (kindOf[c] === 'faq') faqProbability += pc;
        else if (kindOf[c] !== 'faq' && (bestAction < 0 || pc > (p[bestAction] ?? 0))) bestAction = c;
      }
      return {
        label: kindOf[best] ?? 'faq',
        probability: p[best] ?? 0,
        action: (kindOf[bestAction] ?? 'greeting') as ActionIntent,
        actionProbability: p[bestAction] ?? 0,
        unknownProbability,
        faqProbability,
      };
    },
  };
}

export type IntentClassifier = ReturnType<typeof createIntentClassifier>;
