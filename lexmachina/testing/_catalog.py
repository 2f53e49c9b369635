"""Fixed vocabularies of the synthetic world: courts, case types, outcomes, names."""

from __future__ import annotations

COURT_TYPES = (
    "FederalDistrict",
    "State",
    "FederalAppeals",
    "FederalBankruptcy",
    "PTAB",
    "ITC",
)

# (name, short name, abbreviation) of the federal district courts the fake holds.
DISTRICT_COURTS = (
    ("U.S. District Court for the District of Delaware", "D.Del.", "ded"),
    ("U.S. District Court for the Eastern District of Texas", "E.D.Tex.", "txed"),
    ("U.S. District Court for the Western District of Texas", "W.D.Tex.", "txwd"),
    ("U.S. District Court for the Northern District of California", "N.D.Cal.", "cand"),
    ("U.S. District Court for the Central District of California", "C.D.Cal.", "cacd"),
    ("U.S. District Court for the Southern District of New York", "S.D.N.Y.", "nysd"),
    ("U.S. District Court for the District of New Jersey", "D.N.J.", "njd"),
    ("U.S. District Court for the Northern District of Illinois", "N.D.Ill.", "ilnd"),
)
# (name, state) of the state courts the fake holds.
STATE_COURTS = (
    ("Harris County District Court", "TX"),
    ("Fort Bend County District Court", "TX"),
    ("Los Angeles County Superior Court", "CA"),
    ("New York County Supreme Court", "NY"),
)
APPEALS_COURTS = (
    "U.S. Court of Appeals for the Federal Circuit",
    "U.S. Court of Appeals for the Fifth Circuit",
    "U.S. Court of Appeals for the Ninth Circuit",
    "U.S. Court of Appeals for the Second Circuit",
)
BANKRUPTCY_COURTS = (
    "U.S. Bankruptcy Court for the District of Delaware",
    "U.S. Bankruptcy Court for the Southern District of New York",
)

DISTRICT_CASE_TYPES = (
    "Patent",
    "Contracts",
    "Employment",
    "Securities",
    "Trademark",
    "Copyright",
    "Antitrust",
    "Torts",
    "Civil Rights",
    "Insurance",
)
STATE_CASE_TYPES = ("Contract", "Employment", "Personal Injury", "Real Property")
APPEALS_CASE_TYPES = ("Patent", "Contracts", "Civil Rights", "Securities")
BANKRUPTCY_CASE_TYPES = ("Chapter 7", "Chapter 11", "Chapter 13")
PTAB_TYPES = ("IPR", "PGR", "CBM")
ITC_TYPES = ("Patent", "Trademark", "Copyright")
CASE_TAGS = (
    "Class Action",
    "ANDA",
    "Multidistrict Litigation",
    "Pro Se",
    "Jury Demand",
)
EVENTS = (
    "Complaint",
    "Answer",
    "Claim Construction Hearing",
    "Summary Judgment Motion",
    "Trial",
    "Judgment",
)
STATE_EVENTS = ("Complaint", "Answer", "Motion Hearing", "Trial", "Judgment")

# (summary, specific) pairs; the "terminated" ones end a case.
RESOLUTIONS = (
    ("Claimant Win", "Summary Judgment"),
    ("Claimant Win", "Trial"),
    ("Claimant Win", "Default Judgment"),
    ("Claim Defendant Win", "Summary Judgment"),
    ("Claim Defendant Win", "Trial"),
    ("Claim Defendant Win", "Judgment on the Pleadings"),
    ("Likely Settlement", "Likely Settlement"),
    ("Likely Settlement", "Class Action Settlement"),
    ("Procedural", "Interdistrict Transfer"),
    ("Procedural", "Dismissal for Lack of Jurisdiction"),
)
DAMAGES_BY_AREA = {
    "General": ["Attorneys' Fees / Costs", "Prejudgment Interest"],
    "Patent": ["Reasonable Royalty (Patent)", "Lost Profits (Patent)"],
    "Trademark": ["Statutory Damages (Trademark)"],
    "Copyright": ["Statutory Damages (Copyright)"],
    "Employment": ["Backpay", "Front Pay", "Emotional Distress"],
    "Contracts": ["Compensatory Damages (Contract)"],
}
FINDINGS_BY_AREA = {
    "Patent": ["Infringement", "Invalidity", "Willfulness"],
    "Trademark": ["Trademark Infringement", "Likelihood of Confusion"],
    "Contracts": ["Breach of Contract"],
}
PATENT_INVALIDITY_REASONS = ("Obviousness", "Anticipation", "Indefiniteness")
REMEDIES_BY_TYPE = {
    "Injunction": ["Permanent Injunction", "Preliminary Injunction"],
    "Other": ["Declaratory Judgment"],
}
JUDGMENT_SOURCES = ("Trial", "Summary Judgment", "Default Judgment", "Consent Judgment")
STATE_DAMAGES = ("Compensatory Damages", "Punitive Damages", "Attorneys' Fees")
STATE_JUDGMENT_EVENTS = ("Jury Verdict", "Summary Judgment", "Default Judgment")
APPELLATE_DECISIONS = ("Affirmed", "Reversed", "Vacated", "Affirmed in Part")
SUPREME_COURT_DECISIONS = ("Certiorari Denied", "Certiorari Granted")
APPEALABILITY_RULINGS = ("Final Judgment", "Interlocutory Appeal", "Collateral Order")
ORIGINATING_VENUES = ("Federal District Court", "PTAB", "ITC", "Federal Agency")
ITC_DISPOSITIONS = ("Settlement", "Withdrawal", "Exclusion Order", "No Violation")
PARTY_ROLES = ("Plaintiff", "Defendant")
APPEALS_ROLES = ("Appellant", "Appellee")
NATURES_OF_SUIT = {
    "Patent": (830, "Patent"),
    "Trademark": (840, "Trademark"),
    "Copyright": (820, "Copyright"),
    "Contracts": (190, "Other Contract"),
    "Employment": (442, "Civil Rights: Employment"),
    "Securities": (850, "Securities/Commodities/Exchange"),
    "Antitrust": (410, "Antitrust"),
}
PRESIDENTS = ("Barack Obama", "George W. Bush", "Donald J. Trump", "Joseph R. Biden")

FIRST_NAMES = (
    "Alice", "Benjamin", "Carmen", "Daniel", "Elena", "Farid", "Grace", "Hiro",
    "Isabel", "Jamal", "Karen", "Luis", "Maya", "Nathan", "Olivia", "Priya",
    "Quentin", "Rosa", "Samuel", "Tara", "Umar", "Vera", "William", "Yuki",
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes",
    "Iyer", "Jensen", "Kowalski", "Larsen", "Moreno", "Nguyen", "Okafor", "Patel",
    "Quinn", "Reyes", "Schmidt", "Tanaka", "Underwood", "Vargas", "Walsh", "Young",
)  # fmt: skip
COMPANY_WORDS = (
    "Acme", "Apex", "Blue", "Cedar", "Delta", "Ember", "Falcon", "Granite",
    "Harbor", "Iron", "Juniper", "Keystone", "Lumen", "Meridian", "Nova", "Orion",
    "Pioneer", "Quantum", "River", "Summit", "Titan", "Vertex", "Willow", "Zenith",
)  # fmt: skip
COMPANY_KINDS = (
    "Pharmaceuticals", "Technologies", "Holdings", "Logistics", "Foods",
    "Networks", "Energy", "Devices", "Media", "Bank",
)  # fmt: skip
COMPANY_SUFFIXES = ("Inc.", "LLC", "Corp.", "Ltd.")
PATENT_SUBJECTS = (
    "wireless data transmission", "battery cell cooling", "image compression",
    "drug delivery device", "semiconductor packaging", "user authentication",
    "video streaming buffer", "medical imaging sensor",
)  # fmt: skip
