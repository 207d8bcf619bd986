import type { KbStore } from '../../db/kb-store.js';
import type { ConceptList } from '../../knowledge/concepts.js';
import { conceptView } from '../kb/concepts.js';
import { entryView } from '../kb/entries.js';
import { unansweredView } from '../kb/unanswered.js';
import { draftView, versionView } from '../kb/versions.js';
import type { KbConsoleSource } from './kb-pages.js';

/** The review queue and the version history as far as the console lists them (newest first). */
const LISTED = 200;

/** The knowledge base pages' reads, through the same functions and views as `/v1/kb`. */
export function kbConsoleSource(kb: KbStore, shippedConcepts: ConceptList): KbConsoleSource {
  return {
    async entries() {
      const view = await draftView(kb, shippedConcepts);
      return { version: view.version.number, draft: view.changed, items: view.entries.map(entryView) };
    },
    async concepts() {
      const view = await draftView(kb, shippedConcepts);
      return { version: view.version.number, draft: view.changed, items: view.concepts.map(conceptView) };
    },
    async versions() {
      return (await kb.versions(LISTED)).map(versionView);
    },
    async unanswered() {
      return (await kb.openUnanswered('recent', LISTED)).map(unansweredView);
    },
  };
}
