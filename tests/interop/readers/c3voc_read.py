"""Read a schedule.json with c3voc-schedule-tools (run in its own virtual environment).

Prints JSON: the conference's time zone, its rooms and every event as the
C3VOC tools see it (start and end as aware ISO 8601, room, persons), and
whether the library could turn the schedule into its frab XML.
"""

import json
import sys
from importlib.metadata import version

from voc.schedule import Schedule

schedule = Schedule.from_file(sys.argv[1])
events = []


def collect(event):  # type: ignore[no-untyped-def]
    events.append(
        {
            "guid": event["guid"],
            "title": event["title"],
            "start": event.start.isoformat(),
            "end": event.end.isoformat(),  # start + duration, as the library computes it
            "end_field": event.get("end"),  # the event's own "end"
            "room": event["room"],
            "persons": event.persons(),  # the names, as the library reads them
        }
    )


schedule.foreach_event(collect)
xml = schedule.xml()
print(
    json.dumps(
        {
            "version": version("c3voc-schedule-tools"),
            "time_zone": schedule.conference("time_zone_name"),
            "rooms": schedule.rooms(),
            "events": events,
            "xml_events": xml.count("<event "),
        }
    )
)
