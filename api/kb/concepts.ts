import { badRequest } from '../errors.js';
import type { ViewConcept } from './versions.js';

/** The longest concept term or variant (as knowledge/concepts.ts checks the file). */
export const CONCEPT_WORD_MAX = 60;
/** The most variants a concept may have. */
export const CONCEPT_VARIANTS_MAX = 1000;

/** A concept as the API shows it: its term, variants and how the draft stands against the published version. */
export function conceptView(view: ViewConcept) {
  return {
    term: view.concept.term,
    variants: view.concept.variants,
    status: view.status,
    ...(view.updatedAt ? { updatedAt: view.updatedAt.toISOString() } : {}),
    ...(view.updatedBy ? { updatedBy: view.updatedBy } : {}),
  };
}

/** A concept's term from the path: trimmed, 1–60 characters; 400 naming `term` otherwise. */
export function checkedTerm(raw: string): string {
  const term = raw.trim();
  if (term.length === 0) throw badRequest('field_too_short', 'term must not be empty', 'term');
  if (term.length > CONCEPT_WORD_MAX)
    throw badRequest('field_too_long', `term must be at most ${CONCEPT_WORD_MAX} characters`, 'term');
  return term;
}

/**
 * The body of `PUT /v1/kb/concepts/:term`: `{ variants: string[] }`, each trimmed, duplicates
 * dropped (first kept); 400 naming the field and the reason otherwise.
 */
export function checkedVariants(body: Record<string, unknown>): string[] {
  const unknown = Object.keys(body).filter((key) => key !== 'variants');
  if (unknown.length > 0) throw badRequest('unknown_field', `unknown field(s): ${unknown.join(', ')}`);
  const given = body.variants;
  if (given === undefined) throw badRequest('missing_field', 'variants is required', 'variants');
  if (!Array.isArray(given)) throw badRequest('invalid_field', 'variants must be an array', 'variants');
  const variants: string[] = [];
  for (const [i, value] of given.entries()) {
    if (typeof value !== 'string')
      throw badRequest('invalid_field', `variants.${i} must be a string`, 'variants');
    const variant = value.trim();
    if (variant.length === 0)
      throw badRequest('field_too_short', `variants.${i} must not be empty`, 'variants');
    if (variant.length > CONCEPT_WORD_MAX)
      throw badRequest(
        'field_too_long',
        `variants.${i} must be at most ${CONCEPT_WORD_MAX} characters`,
        'variants',
      );
    if (!variants.includes(variant)) variants.push(variant);
  }
  if (variants.length === 0)
    throw badRequest('field_too_short', 'variants must have at least one word', 'variants');
  if (variants.length > CONCEPT_VARIANTS_MAX)
    throw badRequest(
      'field_too_long',
      `variants must have at most ${CONCEPT_VARIANTS_MAX} words`,
      'variants',
    );
  return variants;
}

/**
 * Refuses a variant newly given to a concept that another concept of the draft already has (as its
 * term or a variant): 400 `variant_taken` naming that concept. Overlaps already in the list (the
 * shipped data has a few) stay allowed: only what the change adds is checked.
 */
export function checkVariantsFree(
  term: string,
  variants: readonly string[],
  before: readonly string[],
  concepts: readonly ViewConcept[],
): void {
  const added = variants.filter((variant) => !before.includes(variant));
  if (added.length === 0) return;
  for (const { concept, status } of concepts) {
    if (concept.term === term || status === 'removed') continue;
    const taken = added.find((variant) => variant === concept.term || concept.variants.includes(variant));
    if (taken !== undefined)
      throw badRequest(
        'variant_taken',
        `variants: "${taken}" already belongs to the concept ${concept.term}`,
        'variants',
      );
  }
}
