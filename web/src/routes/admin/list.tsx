// What the admin list pages share around their tables: the intro with the "new" button, the state badge, the edit
// button of a row, a tree's indented name, and which item the form is open for.
import { Badge, Button, Group, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WHOLE } from '../../components/badges.tsx';

export function ListHeader({ intro, newLabel, onNew }: { intro: string; newLabel: string; onNew: () => void }) {
  return (
    <Group justify="space-between">
      <Text c="dimmed" size="sm">
        {intro}
      </Text>
      <Button onClick={onNew}>{newLabel}</Button>
    </Group>
  );
}

export function ActiveBadge({ active, inactiveLabel }: { active: boolean; inactiveLabel?: string }) {
  const { t } = useTranslation();
  return active ? (
    <Badge variant="light" color="green" style={WHOLE}>
      {t('admin.activeYes')}
    </Badge>
  ) : (
    <Badge variant="light" color="gray" style={WHOLE}>
      {inactiveLabel ?? t('admin.activeNo')}
    </Badge>
  );
}

/** A row's "Edit", named after the row for screen readers. */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-xs" variant="subtle" onClick={onClick} aria-label={`${t('admin.edit')}: ${name}`}>
      {t('admin.edit')}
    </Button>
  );
}

/** A name in a tree (units, categories): a child is marked and indented by its depth. */
export function TreeName({ depth, children }: { depth: number; children: ReactNode }) {
  return (
    <>
      {depth > 0 && (
        <Text span c="dimmed" aria-hidden>
          └{' '}
        </Text>
      )}
      {children}
    </>
  );
}
export const treeIndent = (depth: number) => ({ style: { paddingLeft: 8 + depth * 20 } });

/** The item a list's form is open for: one of the list, a new one, or none (closed). */
export function useEditing<Item>() {
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  return {
    /** The item to edit, null for a new one; undefined while the form is closed. */
    editing: editing === null ? undefined : editing === 'new' ? null : editing,
    edit: (item: Item) => setEditing(() => item),
    create: () => setEditing('new'),
    close: () => setEditing(null),
  };
}
