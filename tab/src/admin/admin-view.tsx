import { Tab, TabList } from '@fluentui/react-components';
import { useState } from 'react';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import type { ApiClient } from '../app/api-client';
import { ViewFrame, ViewTitle } from '../shared/view-header';
import { AuditSection } from './audit-section';
import { RolesSection } from './roles-section';

type Pane = 'roles' | 'audit';

interface AdminViewProps {
  client: ApiClient;
  cohorts: CohortSummary[];
  onBack: () => void;
}

/** The programme admin's screens: who holds which staff role, and the audit trail. */
export function AdminView({ client, cohorts, onBack }: AdminViewProps) {
  const [pane, setPane] = useState<Pane>('roles');
  return (
    <ViewFrame back={{ label: 'Back to home', onBack, testId: 'admin-back' }} testId="admin-view">
      <ViewTitle>Programme administration</ViewTitle>
      <TabList
        selectedValue={pane}
        onTabSelect={(_, d) => setPane(d.value as Pane)}
        aria-label="Programme administration"
      >
        <Tab value="roles" data-testid="admin-tab-roles">
          Roles
        </Tab>
        <Tab value="audit" data-testid="admin-tab-audit">
          Audit trail
        </Tab>
      </TabList>
      {pane === 'roles' ? (
        <RolesSection client={client} cohorts={cohorts} />
      ) : (
        <AuditSection client={client} cohorts={cohorts} />
      )}
    </ViewFrame>
  );
}
