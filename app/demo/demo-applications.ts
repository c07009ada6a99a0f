import type { Channel } from "~/intake/record-application.server";
import type { ApplicationState, ClosedReason } from "~/intake/transitions";

/**
 * Fictional applications across the states and channels of intake: some overdue for
 * acknowledgement, likely duplicates (the same prisoner number, the name spelt differently),
 * co-defendants (the same court and conviction date), and one in a prison with no address
 * on file (HMP Berwyn), so that a batch acknowledgement has something to skip.
 *
 * Columns: name | prisoner number | prison | days since it arrived | state | channel.
 * A closed application's state is written `closed:<reason>`.
 */
const TABLE = `
Barnaby Quillfeather       | A1001BQ | HMP/YOI Altcourse | 2   | received             | post
Ottilie Marchbank          | A1002OM | HMP Dartmoor      | 3   | received             | post
Łucja Próbna               | A1003LP | HMP/YOI Durham    | 4   | received             | post
Horatio Fennimore          | A1004HF | HMP Frankland     | 5   | received             | post
Perpetua Ashgrove          |         |                   | 6   | received             | email
Jonty Marchbanks           | A4821FX | HMP Garth         | 7   | received             | post
Cosmo Pennywhistle         | A1007CP | HMP Full Sutton   | 8   | received             | post
Wilhelmina Nowt            | A1008WN | HMP Berwyn        | 9   | received             | post
Eustace Brambleby          | A1009EB | HMP Leeds         | 10  | received             | online
Seraphina Gorsedale        | A1010SG | HMP/YOI Bristol   | 21  | received             | representative
Thaddeus Crumpington       | A1011TC | HMP Wakefield     | 24  | received             | post
Clementine Oddfellow       | A1012CO | HMP Long Lartin   | 26  | received             | post
Ignatius Plumtree          | A1013IP | HMP/YOI Hull      | 30  | received             | import
Araminta Sedge             | A1014AS | HMP Kirkham       | 33  | received             | post
Jonty Marchbank            | A4821FX | HMP Garth         | 60  | acknowledged         | post
Rufus Eddlestone           | A1016RE | HMP Wakefield     | 40  | acknowledged         | post
Peregrine Thistlewood      | A1017PT | HMP Birmingham    | 35  | acknowledged         | online
Marigold Featherstonehaugh | A1018MF | HMP Ashfield      | 38  | acknowledged         | post
Bartholomew Winkleigh      | A1019BW | HMP/YOI Cardiff   | 42  | acknowledged         | post
Cordelia Fernsby           |         |                   | 44  | acknowledged         | representative
Algernon Puddlecombe       | A1021AP | HMP Dartmoor      | 47  | acknowledged         | import
Hermione Blackwater-Tibbs  | A1022HB | HMP/YOI Altcourse | 50  | acknowledged         | post
Ebenezer Stollery          | A1023ES | HMP Frankland     | 52  | acknowledged         | email
Wilfred Gantry             | A1024WG | HMP Leeds         | 55  | acknowledged         | post
Philippa Nettlecombe       | A1025PN | HMP Garth         | 58  | acknowledged         | online
Mortimer Quenby            | A1026MQ | HMP/YOI Bristol   | 62  | acknowledged         | post
Drusilla Hawkmoor          | A1027DH | HMP/YOI Durham    | 70  | awaiting_information | post
Lysander Pocklington       | A1028LP | HMP Full Sutton   | 75  | awaiting_information | representative
Griselda Marrowby          |         |                   | 80  | awaiting_information | email
Octavius Brindle           | A1030OB | HMP Kirkham       | 85  | awaiting_information | import
Rosalind Threadgold        | A1031RT | HMP Long Lartin   | 90  | awaiting_information | post
Fitzwilliam Dunnock        | A1032FD | HMP Wakefield     | 100 | ready_for_assessment | post
Imogen Larkspur            | A1033IL | HMP Birmingham    | 110 | ready_for_assessment | online
Cuthbert Oakenshaw         | A1034CO | HMP Dartmoor      | 120 | ready_for_assessment | import
Evangeline Moss            | A1035EM | HMP/YOI Hull      | 130 | ready_for_assessment | post
Montague Fairweather       | A1036MF | HMP Ashfield      | 140 | ready_for_assessment | representative
Percival Grimshaw          | A1037PG | HMP Leeds         | 150 | closed:withdrawn     | post
Percy Grimshawe            | A1037PG | HMP Leeds         | 155 | closed:duplicate     | post
Winifred Applegarth        | A1038WA | HMP/YOI Altcourse | 160 | closed:withdrawn     | online
Tabitha Wrenfield          | A1040TW | HMP Garth         | 170 | closed:withdrawn     | email
`;

const NORTHMOOR_ROBBERY = {
  offences: "Robbery",
  court: "Northmoor Crown Court",
  convictionDate: "2019-06-14",
  plea: "not_guilty",
  sentence: "9 years",
};

/** What some applicants add: an address outside prison, preferences, answers. */
const EXTRAS: Record<string, { applicant?: Record<string, string>; q?: Record<string, string> }> = {
  "Łucja Próbna": { applicant: { language: "Polish" } },
  "Horatio Fennimore": { applicant: { largePrint: "on" } },
  "Perpetua Ashgrove": {
    applicant: { postalAddress: "12 Quarry Row\nBrackenfield\nBR4 2QT", legalCorrespondence: "no" },
  },
  "Cordelia Fernsby": {
    applicant: { postalAddress: "Flat 3, 9 Lantern Yard\nOakhollow\nOK7 1LY" },
  },
  "Griselda Marrowby": { applicant: { postalAddress: "The Old Forge\nWhistlecombe\nWH2 8FG" } },
  "Bartholomew Winkleigh": { applicant: { language: "Welsh" } },
  // Co-defendants: the same court and date of conviction.
  "Cosmo Pennywhistle": { q: NORTHMOOR_ROBBERY },
  "Rufus Eddlestone": { q: NORTHMOOR_ROBBERY },
  "Fitzwilliam Dunnock": {
    q: {
      offences: "Murder",
      court: "Leeds Crown Court",
      convictionDate: "2012-11-20",
      plea: "not_guilty",
      whyWrong:
        "The only witness picked him out at an identification parade held without a solicitor.",
    },
  },
};

export interface DemoApplication {
  name: string;
  prisonerNumber?: string;
  prison?: string;
  daysAgo: number;
  state: ApplicationState;
  closedReason?: ClosedReason;
  channel: Channel;
  applicant: Record<string, string>;
  questionnaire: Record<string, string>;
}

export const DEMO_APPLICATIONS: DemoApplication[] = TABLE.trim()
  .split("\n")
  .map((line) => {
    const [name = "", number, prison, ago, stateAndReason = "", channel] = line
      .split("|")
      .map((cell) => cell.trim());
    const [state, closedReason] = stateAndReason.split(":");
    return {
      name,
      prisonerNumber: number || undefined,
      prison: prison || undefined,
      daysAgo: Number(ago),
      state: state as ApplicationState,
      closedReason: closedReason as ClosedReason | undefined,
      channel: channel as Channel,
      applicant: EXTRAS[name]?.applicant ?? {},
      questionnaire: EXTRAS[name]?.q ?? {},
    };
  });
