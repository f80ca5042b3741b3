from .bodies import Body, Membership
from .calendar import AcademicYear, Term
from .cases import AppealExpert, Application
from .decisions import Decision, ImprovementAction
from .elections import Candidate, Election, ElectionVote
from .mail import SentMail
from .meetings import AgendaItem, AgendaMaterial, Attendance, Meeting
from .people import StaffProfile, StudentProfile, User
from .structure import Course, Department, EducationalProgramme, Enrolment, Institution, School
from .voting import BallotReceipt, Motion, NamedVote, SecretTally

__all__ = [
    "AcademicYear",
    "AgendaItem",
    "AgendaMaterial",
    "AppealExpert",
    "Application",
    "Attendance",
    "BallotReceipt",
    "Body",
    "Candidate",
    "Course",
    "Decision",
    "Department",
    "EducationalProgramme",
    "Election",
    "ElectionVote",
    "Enrolment",
    "ImprovementAction",
    "Institution",
    "Meeting",
    "Membership",
    "Motion",
    "NamedVote",
    "School",
    "SecretTally",
    "SentMail",
    "StaffProfile",
    "StudentProfile",
    "Term",
    "User",
]
