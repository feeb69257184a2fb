import { useId, useState } from 'react';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import type { ApiClient } from '../app/api-client';
import { Tabs } from '../coordinator/cohort-tabs';
import { ViewFrame, ViewTitle } from '../shared/view-header';
import { useApiLoad } from '../shared/use-api-load';
import { listCohorts } from './admin-api';
import { AuditSection } from './audit-section';
import { ErasuresSection } from './erasures-section';
import { PrivacySection } from './privacy-section';
import { RolesSection } from './roles-section';

type Pane = 'roles' | 'audit' | 'privacy' | 'erasures';

interface AdminViewProps {
  client: ApiClient;
  /** The cohorts known when home loaded: shown until the fresh list arrives. */
  cohorts: CohortSummary[];
  onBack: () => void;
}

/** The programme admin's screens: staff roles, the audit trail, the privacy contact, requests to erase. */
export function AdminView({ client, cohorts: known, onBack }: AdminViewProps) {
  const [pane, setPane] = useState<Pane>('roles');
  const [load] = useApiLoad(() => listCohorts(client), [client]);
  const cohorts = load.status === 'loaded' ? load.data : known;
  const idBase = useId().replace(/:/g, '');
  const tabId = (value: Pane) => `${idBase}-${value}-tab`;
  const panelId = (value: Pane) => `${idBase}-${value}-panel`;
  return (
    <ViewFrame back={{ label: 'Back to home', onBack, testId: 'admin-back' }} testId="admin-view">
      <ViewTitle>Programme administration</ViewTitle>
      <Tabs
        label="Programme administration"
        items={[
          { value: 'roles', label: 'Roles' },
          { value: 'audit', label: 'Audit trail' },
          { value: 'privacy', label: 'Privacy contact' },
          { value: 'erasures', label: 'Requests to erase' },
        ]}
        selected={pane}
        onSelect={setPane}
        tabId={tabId}
        panelId={panelId}
        testId="admin-tab"
      />
      {/* The audit trail is read when first shown, and again each time. */}
      <div role="tabpanel" id={panelId(pane)} aria-labelledby={tabId(pane)} tabIndex={0}>
        {pane === 'roles' && <RolesSection client={client} cohorts={cohorts} />}
        {pane === 'audit' && <AuditSection client={client} cohorts={cohorts} />}
        {pane === 'privacy' && <PrivacySection client={client} />}
        {pane === 'erasures' && <ErasuresSection client={client} />}
      </div>
    </ViewFrame>
  );
}
