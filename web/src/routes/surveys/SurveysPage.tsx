// Surveys and indices: the indices table, the negative answers to qualify, the survey editor and the kiosk links.
import './i18n.ts';
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';
import { KioskLinksTab } from './KioskLinksTab.tsx';
import { NegativeTab } from './NegativeTab.tsx';
import { ResultsTab } from './ResultsTab.tsx';
import { SurveysTab } from './SurveysTab.tsx';

export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  // The server decides; these only hide what it would refuse.
  const canManage = me.role === 'admin' || me.role === 'cs_head';
  const canQualify = canManage || me.role === 'supervisor';
  // 'surveys:kiosk' on the server.
  const canOpenKiosks = canQualify || me.role === 'unit_responsible';
  return (
    <Stack p="md">
      <Title order={2}>{t('surveys.title')}</Title>
      <Tabs defaultValue="results" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="results">{t('surveys.tabResults')}</Tabs.Tab>
          <Tabs.Tab value="negative">{t('surveys.tabNegative')}</Tabs.Tab>
          <Tabs.Tab value="surveys">{t('surveys.tabSurveys')}</Tabs.Tab>
          {canOpenKiosks && <Tabs.Tab value="kiosk">{t('kioskLinks.tab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="results" pt="md">
          <ResultsTab />
        </Tabs.Panel>
        <Tabs.Panel value="negative" pt="md">
          <NegativeTab canQualify={canQualify} />
        </Tabs.Panel>
        <Tabs.Panel value="surveys" pt="md">
          <SurveysTab canManage={canManage} />
        </Tabs.Panel>
        {canOpenKiosks && (
          <Tabs.Panel value="kiosk" pt="md">
            <KioskLinksTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
