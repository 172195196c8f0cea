"""Where function apps plug into the shared pages without the core importing them.

- `register_dashboard_link`: an app adds its management pages to the staff dashboard.
- `register_demo_seeder`: an app adds its part of `manage.py seed_demo`.
- `register_home_section`: an app shows a block on the home page (its template, its context).
- `register_personal_data`: an app adds its part of a person's data download and account erasure.
- `register_represented_data`: an app names people without an account whom its workers
  represent in privacy requests (a referred person): their data download, made by the same engine.
- `register_retention_rule`: an app says which records it erases after a time (days are data).
- `register_scale_seeder`: an app adds its part of `manage.py seed_scale` (the benchmark's data).
- `register_report_section`: an app adds its section (figures and definitions) to the yearly report.
- `register_sensitive_record`: an app names the records whose reading must be audited; the
  portal-wide crawl (tests/trust/test_audited_reads.py) fails for any page that shows one unlogged.
- `register_agenda_source`: an app adds a person's coming appointments to their own agenda.
- `register_onboarding_step`: an app adds a step to an organisation's onboarding (the network's
  charter), shown on the people and organisations page and the organisation's onboarding page.
- `register_staff_provider`: an app names the people it puts on another app's object (an
  activity's volunteers), so that app shows them without importing it.

Each kind lives in its own module of this package; import them from here.
Apps call these from their AppConfig.ready() (dashboard) or their demo.py and scale.py (seeders).
"""

from .messages import (
    MessageAudience,
    message_audience,
    register_message_audience,
)
from .onboarding import (
    OnboardingState,
    OnboardingStep,
    onboarding_of,
    register_onboarding_step,
)
from .pages import (
    DashboardLink,
    HomeSection,
    dashboard_links_for,
    home_sections_for,
    register_dashboard_link,
    register_home_section,
)
from .people import (
    STAFF_SCOPE,
    AgendaEntry,
    AgendaSource,
    HeldClaim,
    OpenWork,
    OpenWorkProvider,
    StaffMember,
    StaffProvider,
    agenda_entries_for,
    open_work_of,
    register_agenda_source,
    register_open_work,
    register_staff_provider,
    staff_of,
)
from .privacy import (
    PersonalDataProvider,
    RepresentedData,
    RetentionRule,
    SensitiveRecord,
    personal_data_providers,
    register_personal_data,
    register_represented_data,
    register_retention_rule,
    register_sensitive_record,
    represented_data,
    retention_rules,
    sensitive_records,
)
from .report import (
    ReportSection,
    register_report_section,
    report_sections,
)
from .seeders import (
    DemoSeeder,
    ScaleSeeder,
    demo_seeders,
    register_demo_seeder,
    register_scale_seeder,
    scale_seeders,
)
from .translations import (
    TranslationEditor,
    register_translation_editor,
    translation_editor_for,
)

__all__ = [
    "STAFF_SCOPE",
    "AgendaEntry",
    "AgendaSource",
    "DashboardLink",
    "DemoSeeder",
    "HeldClaim",
    "HomeSection",
    "MessageAudience",
    "OnboardingState",
    "OnboardingStep",
    "OpenWork",
    "OpenWorkProvider",
    "PersonalDataProvider",
    "ReportSection",
    "RepresentedData",
    "RetentionRule",
    "ScaleSeeder",
    "SensitiveRecord",
    "StaffMember",
    "StaffProvider",
    "TranslationEditor",
    "agenda_entries_for",
    "dashboard_links_for",
    "demo_seeders",
    "home_sections_for",
    "message_audience",
    "onboarding_of",
    "open_work_of",
    "personal_data_providers",
    "register_agenda_source",
    "register_dashboard_link",
    "register_demo_seeder",
    "register_home_section",
    "register_message_audience",
    "register_onboarding_step",
    "register_open_work",
    "register_personal_data",
    "register_report_section",
    "register_represented_data",
    "register_retention_rule",
    "register_scale_seeder",
    "register_sensitive_record",
    "register_staff_provider",
    "register_translation_editor",
    "report_sections",
    "represented_data",
    "retention_rules",
    "scale_seeders",
    "sensitive_records",
    "staff_of",
    "translation_editor_for",
]
