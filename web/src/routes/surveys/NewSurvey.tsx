// A minimal survey editor: a name and questions made from preset kinds.
import { ActionIcon, Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors, SaveError } from '../admin/form.tsx';
import { createSurvey, surveyKeys } from './api.ts';
import { blankQuestion, PRESETS, questionOf, type Preset, type QuestionDraft } from './question-presets.ts';

function QuestionFields({
  question,
  onChange,
  onRemove,
  error,
}: {
  question: QuestionDraft;
  onChange: (patch: Partial<QuestionDraft>) => void;
  /** Absent for the last question: a survey asks at least one. */
  onRemove: (() => void) | null;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="wrap" gap="xs">
      <Select
        label={t('surveys.type')}
        value={question.preset}
        allowDeselect={false}
        w={220}
        data={PRESETS.map((preset) => ({ value: preset, label: t(`surveys.types.${preset}`) }))}
        onChange={(preset) => preset && onChange({ preset: preset as Preset })}
      />
      <TextInput
        label={t('surveys.wordingRu')}
        required
        value={question.ru}
        onChange={(event) => onChange({ ru: event.currentTarget.value })}
        style={{ flex: 1, minWidth: 200 }}
        error={error}
      />
      <TextInput
        label={t('surveys.wordingEn')}
        value={question.en}
        onChange={(event) => onChange({ en: event.currentTarget.value })}
        style={{ flex: 1, minWidth: 200 }}
      />
      <TextInput
        label={t('surveys.touchpoint')}
        value={question.touchpoint}
        onChange={(event) => onChange({ touchpoint: event.currentTarget.value })}
        w={160}
      />
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t('surveys.remove')}
        disabled={!onRemove}
        onClick={() => onRemove?.()}
      >
        ×
      </ActionIcon>
    </Group>
  );
}

export function NewSurvey() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [questions, setQuestions] = useState<QuestionDraft[]>([blankQuestion('csat')]);
  const create = useMutation({
    mutationFn: () => createSurvey({ name: name.trim(), questions: questions.map(questionOf) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
      setName('');
      setQuestions([blankQuestion('csat')]);
    },
  });
  const errors = formErrors(create.error, t);
  const change = (index: number, patch: Partial<QuestionDraft>) =>
    setQuestions(questions.map((question, at) => (at === index ? { ...question, ...patch } : question)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={t('surveys.create')}>
      <Stack gap="xs">
        <TextInput
          label={t('surveys.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        {questions.map((question, index) => (
          <QuestionFields
            key={index}
            question={question}
            onChange={(patch) => change(index, patch)}
            onRemove={questions.length === 1 ? null : () => setQuestions(questions.filter((_, at) => at !== index))}
            error={errors[`questions.${index}.type`] ?? errors[`questions.${index}.wording.ru`]}
          />
        ))}
        <Group>
          <Button variant="light" onClick={() => setQuestions([...questions, blankQuestion('nps')])}>
            {t('surveys.addQuestion')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('surveys.create')}
          </Button>
        </Group>
        {create.isError && <SaveError error={create.error} fields={errors} />}
      </Stack>
    </Paper>
  );
}
