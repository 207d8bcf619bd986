import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LocalFacts } from './knowledge-base.js';

const tariffSchema = z
  .object({
    example: z.boolean(),
    period: z.enum(['month', 'year']),
    tiers: z
      .array(z.object({ upToKwh: z.number().positive().nullable(), yuanPerKwh: z.number().positive() }))
      .min(1),
  })
  .refine((t) => t.tiers.at(-1)?.upToKwh === null, {
    message: 'the last tier must be open-ended (upToKwh: null)',
  })
  .refine(
    (t) =>
      t.tiers
        .slice(0, -1)
        .every(
          (tier, i, all) => tier.upToKwh !== null && (i === 0 || tier.upToKwh > (all[i - 1]?.upToKwh ?? 0)),
        ),
    { message: 'tier limits must rise' },
  );
export type Tariff = z.infer<typeof tariffSchema>;

/**
 * The tariff shipped next to this module (Node). A Workers bundle has no `import.meta.url` and reads
 * no files: it is given the parsed tariff instead (`tariffFromData`).
 */
export const DEFAULT_TARIFF_PATH: URL | string = import.meta.url
  ? new URL('./tariff.yaml', import.meta.url)
  : 'tariff.yaml';

export function parseTariff(yamlText: string): Tariff {
  return tariffFromData(parse(yamlText));
}

/** Checks a parsed tariff document (both runtimes). */
export function tariffFromData(document: unknown): Tariff {
  return tariffSchema.parse(document);
}

/** Reads and checks knowledge/tariff.yaml or another tariff file (Node only). */
export function loadTariff(path: URL | string = DEFAULT_TARIFF_PATH): Tariff {
  return parseTariff(readFileSync(path, 'utf8'));
}

/** The local facts the tariff gives the knowledge base's answers ({{residentialTariff}}). */
export function tariffFacts(tariff: Tariff): LocalFacts {
  return { residentialTariff: { example: tariff.example, value: describeTariff(tariff) } };
}

export interface TierCharge {
  tier: number;
  kwh: number;
  yuanPerKwh: number;
  fen: number;
}

/** The charge for a usage, tier by tier, in fen (rounded per tier, as a bill shows it). */
export function estimate(tariff: Tariff, kwh: number): { tiers: TierCharge[]; totalFen: number } {
  const tiers: TierCharge[] = [];
  let from = 0;
  tariff.tiers.forEach((tier, i) => {
    const to = tier.upToKwh ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(kwh, to) - from);
    if (inTier > 0)
      tiers.push({
        tier: i + 1,
        kwh: inTier,
        yuanPerKwh: tier.yuanPerKwh,
        fen: Math.round(inTier * tier.yuanPerKwh * 100),
      });
    from = to;
  });
  return { tiers, totalFen: tiers.reduce((sum, t) => sum + t.fen, 0) };
}

const TIER_NAMES = ['第一档', '第二档', '第三档', '第四档', '第五档'];

export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function formatKwh(kwh: number): string {
  return Number.isInteger(kwh) ? String(kwh) : kwh.toFixed(2).replace(/0+$/, '');
}

/** The customer-facing working of an estimate. */
export function describeEstimate(tariff: Tariff, kwh: number): string {
  const { tiers, totalFen } = estimate(tariff, kwh);
  const period = tariff.period === 'month' ? '每月' : '每年';
  const lines = tiers.map(
    (t) =>
      `${TIER_NAMES[t.tier - 1] ?? `第${t.tier}档`}：${formatKwh(t.kwh)}度 × ${t.yuanPerKwh}元/度 = ${yuan(t.fen)}元`,
  );
  const note = tariff.example ? '（以上电价为示例，请以当地物价部门公布的电价为准）' : '';
  return [
    `按居民阶梯电价（${period}分档）估算${formatKwh(kwh)}度电的电费：`,
    ...lines,
    `合计约${yuan(totalFen)}元。实际电费以账单为准。${note}`,
  ].join('\n');
}

/** One line for the knowledge base: the tiers as customers read them. */
export function describeTariff(tariff: Tariff): string {
  let from = 0;
  const period = tariff.period === 'month' ? '每月' : '每年';
  return tariff.tiers
    .map((tier, i) => {
      const range =
        tier.upToKwh === null ? `${from}度以上` : `${from === 0 ? 0 : from + 1}-${tier.upToKwh}度`;
      from = tier.upToKwh ?? from;
      return `${TIER_NAMES[i] ?? `第${i + 1}档`}（${period}${range}）${tier.yuanPerKwh}元/度`;
    })
    .join('，');
}

/** The usage a message asks to price: "用了300度", "350 kwh", "三百度" is left to the customer to type in digits. */
export function findKwh(text: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*(?:度|kwh|千瓦时|units?)/.exec(text);
  const kwh = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(kwh) && kwh > 0 && kwh <= 1_000_000 ? kwh : undefined;
}
