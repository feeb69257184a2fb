import { parseRoster } from '../../bot/src/features/cohorts/domain/roster-import';

const HEADER =
  'email,display_name,role,organisation,job_title,entra_object_id,partner_email,arrangement';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

describe('roster import', () => {
  it('reads participants and pairs the mentor with the mentee', () => {
    const result = parseRoster(
      csv(
        'Ama@Trust.nhs.uk,Ama Boateng,mentor,City Hospital,HCA,,dev@trust.nhs.uk,reverse',
        'dev@trust.nhs.uk,Dev Patel,mentee,City Hospital,Director,,,',
        'solo@trust.nhs.uk,Sam Lone,mentee,,,,,',
      ),
    );
    expect(result).toEqual({
      ok: true,
      people: [
        expect.objectContaining({
          line: 2,
          email: 'ama@trust.nhs.uk',
          role: 'mentor',
          organisation: 'City Hospital',
        }),
        expect.objectContaining({ line: 3, email: 'dev@trust.nhs.uk', role: 'mentee' }),
        expect.objectContaining({ line: 4, email: 'solo@trust.nhs.uk', organisation: undefined }),
      ],
      pairs: [
        {
          line: 2,
          mentorEmail: 'ama@trust.nhs.uk',
          menteeEmail: 'dev@trust.nhs.uk',
          arrangement: 'reverse',
        },
      ],
    });
  });

  it('orders the pair by role whichever row names the partner, and accepts a pair named twice', () => {
    const result = parseRoster(
      csv(
        'lead@trust.nhs.uk,Lee Lead,mentee,,,,junior@trust.nhs.uk,reciprocal',
        'junior@trust.nhs.uk,Jo Junior,mentor,,,,lead@trust.nhs.uk,',
      ),
    );
    expect(result.ok && result.pairs).toEqual([
      {
        line: 2,
        mentorEmail: 'junior@trust.nhs.uk',
        menteeEmail: 'lead@trust.nhs.uk',
        arrangement: 'reciprocal',
      },
    ]);
  });

  it('names the line and column of every invalid value', () => {
    const result = parseRoster(csv('not-an-email,Ann,mentor,,,,,', 'b@trust.nhs.uk,,boss,,,xyz,,'));
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 2, column: 'email', message: 'email is not a valid email address' },
        { line: 3, column: 'display_name', message: 'display_name is required' },
        {
          line: 3,
          column: 'entra_object_id',
          message: expect.stringContaining('must be an Entra object id'),
        },
        { line: 3, column: 'role', message: 'role must be mentor or mentee' },
      ],
    });
  });

  it('counts lines correctly after a quoted value that spans lines', () => {
    const result = parseRoster(
      csv('a@trust.nhs.uk,"Ann\nSmith",mentor,,,,,', 'b@trust.nhs.uk,Bea,boss,,,,,'),
    );
    // A name is one line (the one text rule), so the quoted line break is refused on its line.
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          column: 'display_name',
          message: expect.stringContaining('display_name must not contain a line break'),
        },
        { line: 4, column: 'role', message: 'role must be mentor or mentee' },
      ],
    });
  });

  it('refuses a missing required column and an unknown one, on the header line', () => {
    const result = parseRoster('email,name,role\na@b.org,Ann,mentor');
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 1, column: 'display_name', message: 'The header has no "display_name" column' },
        { line: 1, column: 'name', message: expect.stringContaining('Unknown column "name"') },
      ],
    });
  });

  it('refuses duplicates, people already in the cohort, unknown partners and double pairing', () => {
    const result = parseRoster(
      csv(
        'a@t.nhs.uk,Ann,mentor,,,,b@t.nhs.uk,',
        'b@t.nhs.uk,Bob,mentee,,,,,',
        'c@t.nhs.uk,Cat,mentor,,,,b@t.nhs.uk,',
        'A@t.nhs.uk,Ann again,mentor,,,,,',
        'd@t.nhs.uk,Dan,mentor,,,,ghost@t.nhs.uk,',
        'old@t.nhs.uk,Old,mentee,,,,,',
      ),
      [{ email: 'old@t.nhs.uk', paired: false }],
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      {
        line: 4,
        column: 'partner_email',
        message: expect.stringContaining('b@t.nhs.uk is already paired on line 2'),
      },
      { line: 5, column: 'email', message: 'a@t.nhs.uk is already on line 2' },
      { line: 6, column: 'partner_email', message: 'ghost@t.nhs.uk is not a row in this file' },
      { line: 7, column: 'email', message: 'old@t.nhs.uk is already a participant in this cohort' },
    ]);
  });

  it('refuses a reverse pair of two mentors', () => {
    const result = parseRoster(
      csv('a@t.nhs.uk,Ann,mentor,,,,b@t.nhs.uk,reverse', 'b@t.nhs.uk,Bob,mentor,,,,,'),
    );
    expect(!result.ok && result.problems).toEqual([
      { line: 2, column: 'role', message: expect.stringContaining('one mentor and one mentee') },
    ]);
  });

  it('refuses malformed CSV and an empty roster', () => {
    const broken = parseRoster(csv('a@t.nhs.uk,"Ann,mentor'));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems[0]!.message).toMatch(/not valid CSV/);
    expect(parseRoster(HEADER)).toEqual({
      ok: false,
      problems: [{ line: 0, column: '', message: 'The file has no participant rows' }],
    });
  });

  it('refuses U+FFFD (a character lost to a wrong encoding) in any field, naming line and column', () => {
    const result = parseRoster(
      csv(
        'ok@t.nhs.uk,Ann Ok,mentor,,,,,',
        'jose@t.nhs.uk,Jos\uFFFD M\uFFFDller,mentor,Caf\uFFFD,,,,',
      ),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      {
        line: 3,
        column: 'display_name',
        message: expect.stringMatching(/^display_name contains "\uFFFD" \(U\+FFFD\)/),
      },
      {
        line: 3,
        column: 'organisation',
        message: expect.stringContaining('save the file as UTF-8'),
      },
    ]);
  });
});
