"""Import a program from other tools: frab/C3VOC schedule.xml and schedule.json
(what pretalx, frab and many conference tools export) and the CSV template of
docs/import.md.

    parsers  -> one neutral list of `SessionRow`s (with the file's line numbers)
    planner  -> compares the rows with the edition: create / change / unchanged / error
    apply    -> `program_import`: the dry run, or the plan applied in one unit of work

Running an import twice changes nothing the second time: sessions are matched by
their code (or a code derived from the source's guid), rooms by name, people by
name plus the source's id. Imported people never get an account, and their
participations stay pending (see docs/import.md, "Consent").
"""
