// Reply to the customer or leave an internal note for colleagues.
import { Button, Group, Paper, SegmentedControl, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppealActions } from './useAppealActions.ts';

type Mode = 'outbound' | 'note';

export function Composer({ appealId, canReply }: { appealId: string; canReply: boolean }) {
  const { t } = useTranslation();
  const { addMessage } = useAppealActions(appealId);
  const [mode, setMode] = useState<Mode>(canReply ? 'outbound' : 'note');
  const [body, setBody] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      return;
    }
    addMessage.mutate({ direction: mode, body }, { onSuccess: () => setBody('') });
  };

  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} bg={mode === 'note' ? 'yellow.0' : undefined}>
      {canReply && (
        <SegmentedControl
          size="xs"
          mb="xs"
          value={mode}
          onChange={(value) => setMode(value as Mode)}
          aria-label={t('composer.mode')}
          data={[
            { value: 'outbound', label: t('composer.reply') },
            { value: 'note', label: t('composer.note') },
          ]}
        />
      )}
      <Textarea
        label={mode === 'note' ? t('composer.noteLabel') : t('composer.replyLabel')}
        placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        autosize
        minRows={3}
        maxRows={12}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            submit(event);
          }
        }}
      />
      <Group justify="flex-end" mt="xs">
        <Button
          type="submit"
          size="sm"
          loading={addMessage.isPending}
          disabled={!body.trim()}
          color={mode === 'note' ? 'yellow.7' : undefined}
        >
          {mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </Button>
      </Group>
    </Paper>
  );
}
