/** The trainee lines of bench:load and profileGap, one place so both measure the same turns. */

/** What a trainee says after `/start`: a realistic mix of good, neutral and bad replies. */
export const TRAINEE_LINES = [
  'Goedemiddag, waar gaat het om?',
  'Ik begrijp dat u boos bent, dat snap ik.',
  'Dat is nu eenmaal de regel.',
  'Wat is er precies gebeurd?',
  'Dus als ik het goed begrijp is er iets misgegaan met uw aanvraag en wacht u al weken.',
  'Rustig nou even, meneer.',
  'Zal ik vandaag nog de afdeling bellen, of wilt u liever dat ik een e-mail stuur?',
  'Ik bel u morgen voor twaalf uur terug, is dat goed?',
];
