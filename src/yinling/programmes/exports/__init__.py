"""Documents the programme office hands on: the application form as Word (申报表), a round as a
ZIP of forms with a summary ledger, and the spreadsheet round-trip."""
