import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { KbStore } from '../../db/kb-store.js';
import type { StaffStore } from '../../db/staff-store.js';
import type { ConceptList } from '../../knowledge/concepts.js';
import { type KnowledgeContent, knowledgeBaseOf } from '../../knowledge/content.js';
import type { Knowledge } from '../../knowledge/index.js';
import type { LocalFacts } from '../../knowledge/knowledge-base.js';
import { ApiError, badRequest } from '../errors.js';
import { checkedTerm, checkedVariants, checkVariantsFree, conceptView } from '../kb/concepts.js';
import {
  changedEntry,
  checkEntry,
  entryChange,
  entryView,
  fileForCategory,
  idFromTitle,
  newEntry,
} from '../kb/entries.js';
import type { KbPreview } from '../kb/preview.js';
import { suggestionsFor } from '../kb/suggestions.js';
import { resolveQuestion, unansweredView } from '../kb/unanswered.js';
import { draftView, publishDraft, rollBack, versionView } from '../kb/versions.js';
import { requireStaff, staffOf } from '../staff/auth.js';
import { parseOrThrow, readJsonObject } from './validation.js';

export interface KbRouteDeps {
  kb: KbStore;
  staff: StaffStore;
  clock: () => Date;
  /** The local facts the answers' {{placeholders}} name. */
  facts: LocalFacts;
  /** The shipped concepts: those of a version stored without any (before migration 0015). */
  concepts: ConceptList;
  /** The newest version is built and swapped in (resolves when the next turn will answer from it). */
  onPublished: () => Promise<unknown>;
  /** Answers of the published version and of the draft, compared. */
  preview: KbPreview;
  /** The published version in use and its knowledge (for suggestions to agents). */
  currentKnowledge: () => Promise<{ number: number; knowledge: Knowledge }>;
}

const publishBody = z.strictObject({ note: z.string().trim().min(1).max(500) });
const rollbackBody = z.strictObject({ version: z.number().int().min(1) });
const resolveBody = z.union([
  z.strictObject({ entryId: z.string().min(1).max(100) }),
  z.strictObject({ outOfScope: z.literal(true) }),
]);
const suggestQuery = z.strictObject({ text: z.string().trim().min(1).max(2000) });
const unansweredQuery = z.strictObject({
  order: z.enum(['recent', 'frequent']).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 200')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 200, 'limit must be a whole number from 1 to 200')
    .optional(),
});

/**
 * The knowledge base for staff (session; CSRF on changes; publishing and rollback for supervisors):
 * the draft's entries and concept words, edits, preview, publish, rollback, versions and the review
 * queue. Every change is in the audit log with the staff member.
 */
export function kbRoutes(deps: KbRouteDeps) {
  const guard = requireStaff(deps.staff, deps.clock);
  const supervisorOnly = (c: Context) => {
    const me = staffOf(c);
    if (me.role !== 'supervisor')
      throw new ApiError(
        403,
        'supervisor_only',
        'only a supervisor can publish or roll back the knowledge base',
      );
    return me;
  };
  const checkContent = (content: KnowledgeContent) => {
    try {
      knowledgeBaseOf(content, deps.facts);
    } catch (error) {
      throw badRequest('invalid_draft', error instanceof Error ? error.message : String(error));
    }
  };
  const draft = () => draftView(deps.kb, deps.concepts);
  const findEntry = async (id: string) => {
    const view = await draft();
    const found = view.entries.find((e) => e.entry.id === id);
    if (!found) throw new ApiError(404, 'not_found', `no knowledge entry ${id}`);
    return { view, found };
  };

  return (
    new Hono()
      .get('/entries', guard, async (c) => {
        const view = await draft();
        return c.json({
          version: view.version.number,
          draft: view.changed,
          items: view.entries.map(entryView),
        });
      })
      .get('/entries/:id', guard, async (c) => {
        const { view, found } = await findEntry(c.req.param('id'));
        return c.json({ version: view.version.number, ...entryView(found) });
      })
      .put('/entries/:id', guard, async (c) => {
        const me = staffOf(c);
        const now = deps.clock();
        const { found } = await findEntry(c.req.param('id'));
        const change = parseOrThrow(entryChange, await readJsonObject(c.req.raw));
        const entry = changedEntry(found.entry, change);
        checkEntry(entry, deps.facts);
        await deps.kb.putDraftRow({
          entryId: entry.id,
          file: found.file,
          data: entry,
          updatedAt: now,
          updatedBy: me.username,
        });
        await deps.staff.audit(me.id, 'kb_entry_updated', entry.id, now);
        return c.json(
          entryView({
            ...found,
            entry,
            updatedAt: now,
            updatedBy: me.username,
            status: found.status === 'added' ? 'added' : 'changed',
          }),
        );
      })
      .post('/entries', guard, async (c) => {
        const me = staffOf(c);
        const now = deps.clock();
        const input = parseOrThrow(newEntry, await readJsonObject(c.req.raw));
        const view = await draft();
        // Ids of removed entries stay taken: a new entry never revives another's history.
        const taken = new Set(view.entries.map((e) => e.entry.id));
        const id = idFromTitle(input.title, (candidate) => taken.has(candidate));
        const entry = {
          id,
          title: input.title,
          category: input.category,
          clause: input.clause ?? '',
          answer: input.answer,
          questions: input.examples,
        };
        checkEntry(entry, deps.facts);
        await deps.kb.putDraftRow({
          entryId: id,
          file: fileForCategory(input.category, view.entries),
          data: entry,
          updatedAt: now,
          updatedBy: me.username,
        });
        await deps.staff.audit(me.id, 'kb_entry_created', id, now);
        return c.json({ id }, 201);
      })
      .delete('/entries/:id', guard, async (c) => {
        const me = staffOf(c);
        const now = deps.clock();
        const { found } = await findEntry(c.req.param('id'));
        if (found.status === 'removed')
          throw new ApiError(
            404,
            'not_found',
            `knowledge entry ${found.entry.id} is already removed in the draft`,
          );
        await deps.kb.putDraftRow({
          entryId: found.entry.id,
          file: found.file,
          data: null,
          updatedAt: now,
          updatedBy: me.username,
        });
        await deps.staff.audit(me.id, 'kb_entry_removed', found.entry.id, now);
        return c.json({ id: found.entry.id, removed: true });
      })
      // Beyond the contract: the concept words customers use, data of the versions as the entries are.
      .get('/concepts', guard, async (c) => {
        const view = await draft();
        return c.json({
          version: view.version.number,
          draft: view.changed,
          items: view.concepts.map(conceptView),
        });
      })
      .put('/concepts/:term', guard, async (c) => {
        const me = staffOf(c);
        const now = deps.clock();
        const term = checkedTerm(c.req.param('term'));
        const variants = checkedVariants(await readJsonObject(c.req.raw));
        const view = await draft();
        const found = view.concepts.find((v) => v.concept.term === term);
        // A removed concept given variants again is back, with only those.
        const before = found && found.status !== 'removed' ? found.concept.variants : [];
        checkVariantsFree(term, variants, before, view.concepts);
        await deps.kb.putDraftConcept({ term, variants, updatedAt: now, updatedBy: me.username });
        await deps.staff.audit(me.id, found ? 'kb_concept_updated' : 'kb_concept_created', term, now);
        return c.json(
          conceptView({
            concept: { term, variants },
            updatedAt: now,
            updatedBy: me.username,
            status: found && found.status !== 'added' ? 'changed' : 'added',
          }),
          found ? 200 : 201,
        );
      })
      .delete('/concepts/:term', guard, async (c) => {
        const me = staffOf(c);
        const now = deps.clock();
        const term = c.req.param('term').trim();
        const view = await draft();
        const found = view.concepts.find((v) => v.concept.term === term);
        if (!found || found.status === 'removed')
          throw new ApiError(404, 'not_found', `no concept ${term} in the draft`);
        await deps.kb.putDraftConcept({ term, variants: null, updatedAt: now, updatedBy: me.username });
        await deps.staff.audit(me.id, 'kb_concept_removed', term, now);
        return c.json({ term, removed: true });
      })
      .post('/preview', guard, async (c) => {
        return c.json(await deps.preview.run());
      })
      .post('/publish', guard, async (c) => {
        const me = supervisorOnly(c);
        const { note } = parseOrThrow(publishBody, await readJsonObject(c.req.raw));
        const now = deps.clock();
        const published = await publishDraft(deps.kb, {
          note,
          by: me.username,
          now,
          check: checkContent,
          shipped: deps.concepts,
        });
        if (published === 'nothing_to_publish')
          throw new ApiError(409, 'nothing_to_publish', 'the draft has no changes to publish');
        if (!published)
          throw new ApiError(409, 'conflict', 'another version was published at the same time; try again');
        await deps.staff.audit(me.id, 'kb_published', String(published.version), now);
        await deps.onPublished();
        return c.json({ version: published.version });
      })
      .post('/rollback', guard, async (c) => {
        const me = supervisorOnly(c);
        const { version } = parseOrThrow(rollbackBody, await readJsonObject(c.req.raw));
        const now = deps.clock();
        const rolled = await rollBack(deps.kb, { to: version, by: me.username, now, shipped: deps.concepts });
        if (rolled === 'no_such_version')
          throw badRequest('unknown_version', `version: no version ${version}`, 'version');
        if (!rolled)
          throw new ApiError(409, 'conflict', 'another version was published at the same time; try again');
        await deps.staff.audit(me.id, 'kb_rolled_back', `${version}→${rolled.version}`, now);
        await deps.onPublished();
        return c.json({ version: rolled.version });
      })
      .get('/suggest', guard, async (c) => {
        const { text } = parseOrThrow(suggestQuery, c.req.query());
        const { number, knowledge } = await deps.currentKnowledge();
        const items = await suggestionsFor(knowledge, text);
        return c.json({
          version: number,
          items: items.map((s) => ({ ...s, confidence: Math.round(s.confidence * 1000) / 1000 })),
        });
      })
      .get('/versions', guard, async (c) => {
        const versions = await deps.kb.versions(200);
        return c.json({ items: versions.map(versionView) });
      })
      .get('/unanswered', guard, async (c) => {
        const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
        const query = parseOrThrow(unansweredQuery, given, { order: 'invalid_field' });
        const rows = await deps.kb.openUnanswered(query.order ?? 'recent', query.limit ?? 50);
        return c.json({ items: rows.map(unansweredView) });
      })
      .post('/unanswered/:id/resolve', guard, async (c) => {
        const me = staffOf(c);
        const now = deps.clock();
        const id = Number(c.req.param('id'));
        const row = Number.isSafeInteger(id) ? await deps.kb.unanswered(id) : undefined;
        if (!row)
          throw new ApiError(404, 'not_found', `no question ${c.req.param('id')} in the review queue`);
        const body = await readJsonObject(c.req.raw);
        if (body.entryId !== undefined && typeof body.entryId !== 'string')
          throw badRequest('invalid_field', 'entryId must be a string', 'entryId');
        if (body.outOfScope !== undefined && body.outOfScope !== true)
          throw badRequest('invalid_field', 'outOfScope must be true', 'outOfScope');
        const input = parseOrThrow(resolveBody, body);
        const resolved = await resolveQuestion(deps.kb, row, input, {
          by: me.username,
          now,
          shippedConcepts: deps.concepts,
        });
        if (resolved === 'no_such_entry')
          throw badRequest('unknown_entry', `entryId: no knowledge entry ${String(body.entryId)}`, 'entryId');
        await deps.staff.audit(me.id, 'kb_question_resolved', String(row.id), now);
        return c.json({ id: row.id, ...resolved });
      })
  );
}
