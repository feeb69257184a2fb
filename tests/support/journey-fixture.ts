import type { TeamsUser } from './activities';
import type { JourneyDriver } from './journey-driver';
import { call, devToken } from './test-service';

export const COORDINATOR = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };

let counter = 0;

/**
 * A cohort with one pair, both partners installed and the contract agreed by both, on a
 * Monday morning in London. Returns the cohort id.
 */
export async function activePair(
  drive: JourneyDriver,
  baseUrl: string,
  mentor: TeamsUser,
  mentee: TeamsUser,
  when = '2027-03-01T08:00:00Z',
): Promise<string> {
  counter += 1;
  await drive.setClock(when);
  await drive.install(mentor);
  await drive.install(mentee);
  await drive.install({ aadObjectId: COORDINATOR.userId, name: COORDINATOR.name });
  const token = await devToken(baseUrl, COORDINATOR);
  const cohort = await call<{ id: string }>(baseUrl, 'POST', '/api/cohorts', {
    token,
    json: { name: `Cohort ${counter}`, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  const email = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}${counter}@trust.nhs.uk`;
  const roster = [
    'email,display_name,role,entra_object_id,partner_email',
    `${email(mentor)},${mentor.name},mentor,${mentor.aadObjectId},${email(mentee)}`,
    `${email(mentee)},${mentee.name},mentee,${mentee.aadObjectId},`,
  ].join('\n');
  const imported = await call(baseUrl, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
    token,
    body: roster,
    contentType: 'text/csv',
  });
  if (imported.status !== 201) throw new Error(JSON.stringify(imported.body));
  const later = new Date(new Date(when).getTime() + 2 * 3600 * 1000).toISOString();
  await drive.at(later);
  for (const person of [mentor, mentee]) {
    await drive.click(person, 'contract.agree', {
      ...drive.actionData(person, 'contract.open'),
      contractVersion: 1,
    });
  }
  return cohort.body.id;
}
