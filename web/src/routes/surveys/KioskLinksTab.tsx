// Kiosk links: the addresses tablets at the units' desks open, with their state (live until…, expired, revoked);
// making one, copying a live one, and revoking one after a confirmation.
import './kiosk-i18n.ts';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLink } from '../../api/contract.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SaveError } from '../admin/form.tsx';
import { fetchKioskLinks, kioskLinkKeys, revokeKioskLink } from './api.ts';
import { NewKioskLink } from './NewKioskLink.tsx';

const STATE_COLOR: Record<KioskLink['state'], string> = { live: 'green.8', expired: 'orange.8', revoked: 'gray.7' };

/** The link's state in words (live until…, expired…, revoked… by whom), and who made it when, below. */
function LinkState({ link }: { link: KioskLink }) {
  const { t } = useTranslation();
  const date = formatDateTime(link.state === 'revoked' ? link.revokedAt : link.expiresAt);
  const state = t(`kioskLinks.${link.state}`, { date });
  const made = `${t('kioskLinks.created_by')}: ${link.createdBy ?? '—'}, ${formatDateTime(link.createdAt)}`;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500} c={STATE_COLOR[link.state]} data-testid="kiosk-state">
        {link.state === 'revoked' && link.revokedBy ? `${state} · ${link.revokedBy}` : state}
      </Text>
      <Cut text={made} dimmed />
    </Stack>
  );
}

/** A cell's text on one line, cut with an ellipsis; the whole of it on hover. */
const Cut = ({ text, strong = false, dimmed = false }: { text: string; strong?: boolean; dimmed?: boolean }) => (
  <Text
    size={dimmed ? 'xs' : 'sm'}
    fw={strong ? 500 : undefined}
    c={dimmed ? 'dimmed' : undefined}
    truncate="end"
    title={text}
    maw={230}
  >
    {text}
  </Text>
);

function CopyLink({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={url}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="light" onClick={copy} aria-label={`${t('kioskLinks.copyLink')}: ${label}`}>
          {copied ? t('kioskLinks.copied') : t('kioskLinks.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

/** Asks before revoking: the tablet stops taking answers at once, for good. */
function RevokeDialog({ link, onClose }: { link: KioskLink | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => revokeKioskLink(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: kioskLinkKeys.all });
      onClose();
    },
  });
  return (
    <Modal opened={link !== null} onClose={onClose} title={t('kioskLinks.revokeTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('kioskLinks.revokeHint', { label: link?.label ?? '' })}</Text>
        {revoke.isError && <SaveError error={revoke.error} fields={{}} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => link && revoke.mutate(link.id)}>
            {t('kioskLinks.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The link just made, to open on the tablet or copy now. */
function CreatedLink({ link, onClose }: { link: KioskLink; onClose: () => void }) {
  const { t } = useTranslation();
  const url = link.url ?? '';
  return (
    <Alert color="green" title={t('kioskLinks.created')} withCloseButton onClose={onClose} data-testid="kiosk-created">
      <Stack gap="xs" align="flex-start">
        <Code style={{ wordBreak: 'break-all' }} data-testid="kiosk-url">
          {url}
        </Code>
        <CopyLink url={url} label={link.label} />
      </Stack>
    </Alert>
  );
}

function useColumns(): Column<KioskLink>[] {
  const { t } = useTranslation();
  return [
    {
      header: t('kioskLinks.link'),
      cell: (link) => (
        <Stack gap={0}>
          <Cut text={link.label} strong />
          <Cut text={`${link.surveyName} · ${link.unitName}`} dimmed />
        </Stack>
      ),
    },
    { header: t('kioskLinks.state'), cell: (link) => <LinkState link={link} /> },
  ];
}

export function KioskLinksTab() {
  const { t } = useTranslation();
  const links = useQuery({ queryKey: kioskLinkKeys.all, queryFn: fetchKioskLinks });
  const [created, setCreated] = useState<KioskLink | null>(null);
  const [revoking, setRevoking] = useState<KioskLink | null>(null);
  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        {t('kioskLinks.intro')}
      </Text>
      <NewKioskLink onCreated={setCreated} />
      {created && <CreatedLink link={created} onClose={() => setCreated(null)} />}
      <DataTable
        query={links}
        rows={(data) => data}
        rowKey={(link) => link.id}
        rowProps={(link) => ({ 'data-kiosk-label': link.label, 'data-state': link.state })}
        columns={useColumns()}
        actions={(link) =>
          link.state === 'live' &&
          link.url && (
            <Group gap={4} wrap="nowrap">
              <CopyLink url={link.url} label={link.label} />
              <Button
                size="compact-xs"
                color="red"
                variant="subtle"
                onClick={() => setRevoking(link)}
                aria-label={`${t('kioskLinks.revoke')}: ${link.label}`}
              >
                {t('kioskLinks.revoke')}
              </Button>
            </Group>
          )
        }
        empty={<EmptyState title={t('kioskLinks.empty')} hint={t('kioskLinks.emptyHint')} />}
        label={t('kioskLinks.table')}
        testId="kiosk-links-table"
        skeletonRows={3}
        minWidth={560}
      />
      <RevokeDialog link={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
