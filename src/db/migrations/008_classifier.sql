-- The appeal text classifier's trained models (category and queue) and its settings. A model's figures are
-- measured on a held-out fifth before the stored model is fitted on every sample; one model per target is active.
CREATE TABLE classifier_models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target text NOT NULL CHECK (target IN ('category', 'queue')),
  trained_at timestamptz NOT NULL DEFAULT now(),
  samples integer NOT NULL CHECK (samples > 0),
  accuracy real NOT NULL,
  macro_f1 real NOT NULL,
  per_class jsonb NOT NULL DEFAULT '[]',
  labels jsonb NOT NULL DEFAULT '[]',
  model bytea NOT NULL,
  active boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX classifier_models_one_active ON classifier_models (target) WHERE active;
CREATE INDEX classifier_models_target_trained ON classifier_models (target, trained_at DESC);

-- A single row (id is always true).
CREATE TABLE classifier_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  apply_threshold real NOT NULL DEFAULT 0.8 CHECK (apply_threshold >= 0 AND apply_threshold <= 1),
  enabled boolean NOT NULL DEFAULT true,
  min_samples integer NOT NULL DEFAULT 200 CHECK (min_samples >= 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO classifier_settings (id) VALUES (true);
