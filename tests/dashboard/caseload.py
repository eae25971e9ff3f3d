"""A known caseload for the figures, loaded through `import_records` as a council would load it.

On 3 March 2026 (the day it is loaded):
- YP-1 Amara, 17, in care since August 2025: eligible, UASC, north; Pat Patel; seen 20 February;
  no plan yet.
- YP-2 Ben, 20, left care on his 18th birthday: former relevant, north; Pat Patel; spoke on
  5 January; plan reviewed 20 September 2025 (due 20 March 2026); suitable flat; at college.
- YP-3 Cal, 21, left care at 18, at university: former relevant in education, south; Sam Jones;
  seen 3 March; a plan submitted and not yet authorised; in bed and breakfast, not suitable;
  looking for work (G5).
- YP-4 Dee, 17, never looked after: not entitled, north.
- YP-5 Eli, 17, left care at 16 after three years: relevant, north; a Personal Adviser only from
  10 March; never in touch; plan reviewed 1 June 2025 (overdue since 1 December); in custody
  since 20 February, not assessed.
- YP-6 Fay, 18, left care on her 18th birthday: former relevant, north; no Personal Adviser;
  spoke on 1 February; Staying Put with her foster carer since 30 April 2025 (recorded through
  the form's service: the CSV has no column for the carer), not assessed; no plan.
"""

from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command

from accommodation.rules import AccommodationType
from accommodation.services import accommodation_record
from careleavers.models import User, YoungPerson

CASELOAD = {
    "teams.csv": "team_id,name\nnorth,North team\nsouth,South team\n",
    "staff.csv": """\
username,full_name,email,role,team_id
ppatel,Pat Patel,ppatel@council.example,personal_adviser,north
tnguyen,Tam Nguyen,tnguyen@council.example,personal_adviser,north
sjones,Sam Jones,sjones@council.example,personal_adviser,south
mgreen,Morgan Green,mgreen@council.example,team_manager,north
kblue,Kit Blue,kblue@council.example,team_manager,south
dduty,Dee Duty,dduty@council.example,duty_manager,
hblack,Harper Black,hblack@council.example,service_manager,
board,Bo Ard,board@council.example,board_member,
""",
    "young_people.csv": """\
person_id,first_name,last_name,date_of_birth,sex,ethnicity,uasc,team_id
YP-1,Amara,Testperson,2008-09-01,F,BAFR,Y,north
YP-2,Ben,Example,2006-01-15,M,WBRI,N,north
YP-3,Cal,Sample,2004-06-20,M,MWBC,,south
YP-4,Dee,Outside,2008-11-11,F,WBRI,,north
YP-5,Eli,Custody,2008-06-01,M,WBRI,,north
YP-6,Fay,Stayput,2007-05-01,F,WIRI,,north
""",
    "care_periods.csv": """\
person_id,start_date,end_date,short_break
YP-1,2025-08-01,,N
YP-2,2019-05-01,2024-01-14,N
YP-3,2018-03-01,2022-06-19,N
YP-5,2022-01-01,2025-01-01,N
YP-6,2015-01-01,2025-04-30,N
""",
    "facts.csv": """\
person_id,in_education_or_training
YP-3,Y
""",
    "allocations.csv": """\
person_id,username,start_date,end_date
YP-1,ppatel,2025-09-01,
YP-2,ppatel,2024-07-01,
YP-3,sjones,2022-01-01,
YP-5,tnguyen,2026-03-10,
""",
    "contacts.csv": """\
person_id,username,contact_date,contact_type,outcome,notes
YP-1,ppatel,2026-02-20,home_visit,seen,
YP-2,ppatel,2026-01-05,phone,spoke,
YP-3,sjones,2026-03-03,office,seen,
YP-5,ppatel,2026-02-25,phone,attempted,
YP-6,ppatel,2026-02-01,phone,spoke,
""",
    "plans.csv": """\
person_id,author_username,review_held_on,submitted_on,authorised_on,authorised_by,next_review_due
YP-2,ppatel,2025-09-20,2025-09-22,2025-09-25,mgreen,
YP-3,sjones,2026-02-20,2026-02-24,,,
YP-5,tnguyen,2025-06-01,2025-06-02,2025-06-05,mgreen,
""",
    "accommodation.csv": """\
person_id,start_date,end_date,type_code,suitable,council_provided
YP-2,2025-06-01,,E,Y,Y
YP-3,2026-02-01,,W,N,Y
YP-5,2026-02-20,,X,,N
""",
    "activities.csv": """\
person_id,start_date,end_date,activity_code
YP-2,2025-09-01,,F2
YP-3,2025-07-01,,G5
""",
}


def load_caseload(directory):
    """Write the CSVs into `directory` and import them (call with today frozen)."""
    for name, text in CASELOAD.items():
        (directory / name).write_text(text, encoding="utf-8")
    errors = StringIO()
    try:
        call_command("import_records", str(directory), stdout=StringIO(), stderr=errors)
    except CommandError as error:
        raise AssertionError(errors.getvalue()) from error
    accommodation_record(
        actor=User.objects.get(username="ppatel"),
        young_person=YoungPerson.objects.get(person_id="YP-6"),
        start_on=date(2025, 4, 30), type_code=AccommodationType.Z,
        staying_put_carer="Jo Carer", staying_put_agreed_on=date(2025, 3, 1),
    )
