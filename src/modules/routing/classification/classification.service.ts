// Owns: learning the appeal classifier from the register's own history (category and queue), storing the
// active models, and answering suggestions for a new appeal's text from memory on the hot path.
import type { Ctx } from '../../../context.ts';
import { enqueue } from '../../../jobs/jobs.service.ts';
import { AppError } from '../../../server/errors.ts';
import { authorize, type Actor } from '../../auth/actor.ts';
import { evaluate, stratifiedSplit } from '../classifier/evaluate.ts';
import { predict, train, type Example, type Model } from '../classifier/model.ts';
import { deserialize, serialize } from '../classifier/serialize.ts';
import type { Suggestion } from '../rules/rules-engine.ts';
import * as repo from './classification.repo.ts';
import type { ClassifierSettingsPatch, ClassifierStatus, TrainingFigures } from './classification.schema.ts';

/** What the classifier suggests: the rules engine's own shape, which applies it. */
export type { Suggestion };

const TARGETS: readonly repo.Target[] = ['category', 'queue'];
const TEST_FRACTION = 0.2;
const CACHE_KEY = 'classifier:models';
const DAY_MS = 24 * 60 * 60 * 1000;
export const TRAIN_JOB = 'classifier.train';

export const appealText = (subject: string, description: string) => `${subject}\n${description}`;

export interface TrainOptions {
  now?: Date;
  maxSamples?: number;
  seed?: number;
}

/**
 * Trains a model per target from resolved and closed appeals: figures from an 80/20 stratified split, then the
 * stored model from every sample. The category model is required (409 when history is too thin); the queue model
 * is skipped quietly, since many registers never use queues.
 */
export async function trainFromHistory(ctx: Ctx, options: TrainOptions = {}): Promise<TrainingFigures[]> {
  const { now = ctx.clock.now(), maxSamples = 100_000, seed = 1 } = options;
  const { minSamples } = await repo.settings(ctx.db);
  const results: TrainingFigures[] = [];
  for (const target of TARGETS) {
    const rows = await repo.labelledAppeals(ctx.db, target, maxSamples);
    const labels = new Set(rows.map((row) => row.label));
    if (rows.length < minSamples || labels.size < 2) {
      if (target === 'queue') {
        continue;
      }
      throw new AppError(
        'conflict',
        `Too little history to train the category classifier: ${rows.length} resolved or closed appeals ` +
          `with a category in ${labels.size} categories; at least ${minSamples} in 2 categories are needed`,
      );
    }
    const examples: Example[] = rows.map((row) => ({
      text: appealText(row.subject, row.description),
      label: row.label,
    }));
    const split = stratifiedSplit(examples, (example) => example.label, TEST_FRACTION, seed);
    const heldOutModel = train(split.train, { seed });
    const figures = evaluate(
      split.test.map((example) => ({ actual: example.label, predicted: predict(heldOutModel, example.text).label })),
    );
    const model = train(examples, { seed });
    await ctx.db.transaction((tx) =>
      repo.insertActive(tx, {
        target,
        trainedAt: now,
        samples: examples.length,
        accuracy: figures.accuracy,
        macroF1: figures.macroF1,
        perClass: figures.perClass,
        labels: model.labels,
        model: serialize(model),
      }),
    );
    results.push({
      target,
      samples: examples.length,
      accuracy: figures.accuracy,
      macroF1: figures.macroF1,
      perClass: figures.perClass,
    });
  }
  ctx.cache.deletePrefix('classifier:');
  return results;
}

export async function trainNow(ctx: Ctx, actor: Actor, now = ctx.clock.now()): Promise<{ models: TrainingFigures[] }> {
  authorize(actor, 'settings:write');
  const models = await trainFromHistory(ctx, { now });
  await scheduleNextTraining(ctx, now);
  return { models };
}

/**
 * Queues the next daily run a day from `now`. The scheduler's RECURRING jobs share its short interval, so the
 * daily job re-queues itself instead; the dedupe key (the run's date) keeps one run per day however it was started.
 */
export async function scheduleNextTraining(ctx: Ctx, now: Date): Promise<void> {
  const runAt = new Date(now.getTime() + DAY_MS);
  await enqueue(
    ctx.db,
    [{ kind: TRAIN_JOB, runAt, dedupeKey: `${TRAIN_JOB}:${runAt.toISOString().slice(0, 10)}` }],
    now,
  );
}

/** The daily job: re-queue first (so a failure never ends the chain), then train unless switched off or too thin. */
export async function trainDaily(ctx: Ctx, now: Date): Promise<TrainingFigures[]> {
  await scheduleNextTraining(ctx, now);
  if (!(await repo.settings(ctx.db)).enabled) {
    return [];
  }
  try {
    return await trainFromHistory(ctx, { now });
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') {
      return [];
    }
    throw err;
  }
}

// Process state, shared by every Ctx on purpose: deserialized models keyed by their (globally unique) row id.
// The 5-second cache entry below only holds the small "active ids + settings" lookup; a model is deserialized
// again only when its target's active id changes, and entries no longer active anywhere are dropped then.
const deserializedModels = new Map<string, Model>();

interface ActiveClassifier {
  settings: repo.SettingsRow;
  models: Partial<Record<repo.Target, Model>>;
}

async function loadActive(ctx: Ctx): Promise<ActiveClassifier> {
  const [settings, refs] = await Promise.all([repo.settings(ctx.db), repo.activeModelRefs(ctx.db)]);
  const models: Partial<Record<repo.Target, Model>> = {};
  for (const ref of refs) {
    let model = deserializedModels.get(ref.id);
    if (!model) {
      const bytes = await repo.modelBytes(ctx.db, ref.id);
      if (!bytes) {
        continue;
      }
      model = deserialize(bytes);
      deserializedModels.set(ref.id, model);
    }
    models[ref.target] = model;
  }
  // Keep only this database's active models plus the newest few others (several Ctx in one process: tests).
  const active = new Set(refs.map((ref) => ref.id));
  for (const id of deserializedModels.keys()) {
    if (!active.has(id) && deserializedModels.size > 8) {
      deserializedModels.delete(id);
    }
  }
  return { settings, models };
}

/** The rules engine's question: what category and queue would the classifier give this text? Memory only when warm. */
export async function suggestForAppeal(
  ctx: Ctx,
  text: { subject: string; description: string },
): Promise<Suggestion | null> {
  const { settings, models } = await ctx.cache.get(CACHE_KEY, () => loadActive(ctx));
  if (!settings.enabled || (!models.category && !models.queue)) {
    return null;
  }
  const input = appealText(text.subject, text.description);
  const category = models.category ? predict(models.category, input) : null;
  const queue = models.queue ? predict(models.queue, input) : null;
  return {
    categoryId: category?.label ?? null,
    categoryConfidence: category?.confidence ?? 0,
    queueId: queue?.label ?? null,
    queueConfidence: queue?.confidence ?? 0,
    applyCategory: category !== null && category.confidence >= settings.applyThreshold,
    applyQueue: queue !== null && queue.confidence >= settings.applyThreshold,
  };
}

export async function suggestForActor(
  ctx: Ctx,
  actor: Actor,
  text: { subject: string; description: string },
): Promise<Suggestion | null> {
  authorize(actor, 'appeals:read');
  return suggestForAppeal(ctx, text);
}

export async function classifierStatus(ctx: Ctx, actor: Actor): Promise<ClassifierStatus> {
  authorize(actor, 'settings:read');
  const [settings, summaries] = await Promise.all([repo.settings(ctx.db), repo.activeSummaries(ctx.db)]);
  const models = await Promise.all(
    summaries.map(async (summary) => {
      const labels = summary.perClass.map((figures) => figures.label);
      const named = await repo.labelNames(ctx.db, summary.target, labels, actor.locale);
      const names = new Map(named.map((label) => [label.id, label]));
      return {
        target: summary.target,
        trainedAt: summary.trainedAt.toISOString(),
        samples: summary.samples,
        accuracy: summary.accuracy,
        macroF1: summary.macroF1,
        perClass: summary.perClass.map((figures) => ({
          id: figures.label,
          code: names.get(figures.label)?.code ?? null,
          name: names.get(figures.label)?.name ?? null,
          precision: figures.precision,
          recall: figures.recall,
          f1: figures.f1,
          support: figures.support,
        })),
      };
    }),
  );
  return { ...settings, models };
}

export async function updateClassifierSettings(
  ctx: Ctx,
  actor: Actor,
  patch: ClassifierSettingsPatch,
): Promise<ClassifierStatus> {
  authorize(actor, 'settings:write');
  await repo.updateSettings(ctx.db, patch);
  ctx.cache.deletePrefix('classifier:');
  return classifierStatus(ctx, actor);
}
