// Loading, empty and error states, designed once and used by every screen.
import { Alert, Button, Center, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';
import { translateFieldError } from '../lib/field-errors.ts';

export function PageSkeleton() {
  return (
    <Stack p="md" gap="sm" aria-busy="true">
      <Skeleton height={28} width="40%" />
      <Skeleton height={16} width="70%" />
      <Skeleton height={220} />
    </Stack>
  );
}

export function TableSkeleton({ rows = 8, columns = 6 }: { rows?: number; columns?: number }) {
  return (
    <Stack gap={6} aria-busy="true" aria-label="loading">
      {Array.from({ length: rows }, (_, row) => (
        <Skeleton key={row} height={32} style={{ opacity: 1 - row / (rows + columns) }} />
      ))}
    </Stack>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md" data-testid="empty-state">
      <Center>
        <Stack align="center" gap={6} maw={420}>
          <ThemeIcon variant="light" size={44} radius="xl" aria-hidden>
            ○
          </ThemeIcon>
          <Text fw={600}>{title}</Text>
          {hint && (
            <Text c="dimmed" size="sm" ta="center">
              {hint}
            </Text>
          )}
          {action}
        </Stack>
      </Center>
    </Paper>
  );
}

/** What went wrong, in the user's language: the first named field's problem, else the error's code. */
export function errorMessage(error: unknown, translate: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') {
      return translate('errors.network');
    }
    if (error.status === 403) {
      return translate('errors.forbidden');
    }
    if (error.status === 404) {
      return translate('errors.notFound');
    }
    const [field] = error.fields;
    return field ? translateFieldError(field, translate) : translate(`fieldError.${error.code}`, error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorState({
  error,
  notFound,
  onRetry,
}: {
  error?: unknown;
  notFound?: boolean;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color={notFound ? 'gray' : 'red'}
      title={notFound ? t('errors.notFound') : t('errors.title')}
      m="md"
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        {!notFound && <Text size="sm">{errorMessage(error, t)}</Text>}
        {onRetry ? (
          <Button size="xs" variant="light" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : (
          <Button size="xs" variant="light" component={Link} to="/">
            {t('common.home')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A list's loading skeleton, its error with a retry, its empty state, and otherwise its content. */
export function QueryStates<T>({
  query,
  rows,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  rows?: number;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return <TableSkeleton rows={rows} />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return isEmpty(query.data) ? empty : children(query.data);
}
