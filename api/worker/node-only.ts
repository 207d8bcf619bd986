/**
 * Stand-ins for the Node-only packages in the Workers bundle (wrangler.toml `[alias]`, and
 * vitest.workers.config.ts for the tests in workerd). The code that uses them runs only on Node:
 * the native jieba is the segmenter's default, which the Worker replaces by the pure TypeScript
 * one, and transformers.js loads only with EMBEDDING_MODEL_DIR, a folder a Worker has not got.
 * Anything that still reaches them fails loudly.
 */
function unavailable(what: string): never {
  throw new Error(`${what} is not available on Cloudflare Workers`);
}

/** @node-rs/jieba: `Jieba.withDict` is its one use. */
export const Jieba = {
  withDict(): never {
    return unavailable('@node-rs/jieba (pass the pure TypeScript jieba: createKnowledge(…, { jieba }))');
  },
};

/** @node-rs/jieba/dict.js */
export const dict = undefined;

/** @xenova/transformers */
export const env = {};
export function pipeline(): never {
  return unavailable('@xenova/transformers (semantic search needs EMBEDDING_MODEL_DIR, a local folder)');
}
