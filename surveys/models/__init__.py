from .answers import AnswerCounter, AnsweredCounter, ReviewStatus, TextAnswer
from .campaigns import AudienceKind, Campaign, CampaignState
from .cmf import CourseForm, CourseFormStatus, DeliveryFormat
from .outreach import LinkMail, Reminder
from .participation import Invitation, Receipt, Target
from .questionnaires import (
    Choice,
    MatrixItem,
    Purpose,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    Respondents,
    Section,
)

__all__ = [
    "AnswerCounter",
    "AnsweredCounter",
    "AudienceKind",
    "Campaign",
    "CampaignState",
    "Choice",
    "CourseForm",
    "CourseFormStatus",
    "DeliveryFormat",
    "Invitation",
    "LinkMail",
    "MatrixItem",
    "Purpose",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "QuestionnaireVersion",
    "Receipt",
    "Reminder",
    "Respondents",
    "ReviewStatus",
    "Section",
    "Target",
    "TextAnswer",
]
