// Deadlines: working calendars (hours per weekday, holidays) and SLA policies (targets per kind of appeal).
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { CalendarsTab } from './CalendarsTab.tsx';
import { PoliciesTab } from './PoliciesTab.tsx';

export function SlaPage() {
  const { t } = useTranslation();
  return (
    <RequireAbility ability="manageSettings">
      <Tabs defaultValue="calendars" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="calendars">{t('admin.sla.calendars')}</Tabs.Tab>
          <Tabs.Tab value="policies">{t('admin.sla.policies')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calendars">
          <CalendarsTab />
        </Tabs.Panel>
        <Tabs.Panel value="policies">
          <PoliciesTab />
        </Tabs.Panel>
      </Tabs>
    </RequireAbility>
  );
}
