import { Field, Select, Text } from '@fluentui/react-components';
import {
  AUDIENCES,
  AUDIENCE_WORDS,
  type AnnouncementAudience,
  type Audience,
  OPEN_CALL_WORDS,
  type OpenCallList,
} from '../../../../bot/src/contracts/announcements';
import { type AudienceCount, audienceLabel } from '../../../../bot/src/contracts/audience-counts';
import type { CohortParticipant } from '../../coordinator/coordinator-api';
import type { LoadState } from '../../shared/use-api-load';
import { PeoplePicker } from '../announcement-people';
import type { FormErrors, FormField } from './announcement-checks';

interface AudienceFieldsProps {
  audience: AnnouncementAudience;
  participantIds: string[];
  /** For "applications are open": the lists chosen beside the window. */
  lists: OpenCallList[];
  /** How many each audience reaches today, when known. */
  sizes: Partial<Record<Audience, AudienceCount>>;
  people: LoadState<CohortParticipant[]>;
  onRetryPeople?: () => void;
  errors: FormErrors;
  idOf: (field: FormField) => string;
  onAudience: (audience: Audience) => void;
  onPeople: (participantIds: string[]) => void;
}

/** Who it goes to: a group of the cohort, or people chosen one by one. */
export function AudienceFields({
  audience,
  participantIds,
  lists,
  sizes,
  people,
  onRetryPeople,
  errors,
  idOf,
  onAudience,
  onPeople,
}: AudienceFieldsProps) {
  if (audience === 'applications_open') {
    // Chosen beside the window (Application window tab): shown here, changed there.
    return (
      <Field
        label="Who it goes to"
        hint="Chosen in the Application window tab. Each person gets it once."
        validationMessage={errors.lists}
      >
        <Text id={idOf('lists')} data-testid="announcement-open-call-lists">
          {lists.length > 0
            ? lists.map((l) => OPEN_CALL_WORDS[l]).join('; ')
            : 'Only the programme channel'}
        </Text>
      </Field>
    );
  }
  return (
    <>
      <Field label="Who it goes to" required validationMessage={errors.audience}>
        <Select
          id={idOf('audience')}
          value={audience}
          onChange={(_, d) => onAudience(d.value as Audience)}
          data-testid="announcement-audience"
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {audienceLabel(AUDIENCE_WORDS[a], a === 'people' ? undefined : sizes[a])}
            </option>
          ))}
        </Select>
      </Field>
      {audience === 'people' && (
        <PeoplePicker
          load={people}
          onRetry={onRetryPeople}
          selected={participantIds}
          onChange={onPeople}
          error={errors.participantIds}
          searchId={idOf('participantIds')}
        />
      )}
    </>
  );
}
