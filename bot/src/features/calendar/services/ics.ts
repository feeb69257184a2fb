import icalModule from 'ical-generator';
import { EVENT_TYPE_WORDS, type ProgrammeEvent } from '../domain/programme-event';

/** Programme events as an iCalendar file (RFC 5545), for "add to my calendar" and feeds. */
export function calendarFor(name: string, events: ProgrammeEvent[]): string {
  const calendar = icalModule({
    name,
    prodId: { company: 'Reverse Mentoring', product: 'Programme calendar' },
  });
  for (const event of events) {
    calendar.createEvent({
      id: `${event.id}@reverse-mentoring`,
      start: new Date(event.start),
      end: new Date(event.end),
      summary: event.title,
      description: [EVENT_TYPE_WORDS[event.type], event.description].filter(Boolean).join('\n\n'),
      location: event.location || undefined,
      timezone: 'UTC',
    });
  }
  return calendar.toString();
}
