"""The moderator's side of the case workflow: after approving or requesting changes, the admin says
what happened and to whom. Both ways to decide (the editor's action menu and the dashboard's
"Wacht op jouw beoordeling" list) go through this page type's viewset."""

from django.contrib import messages

from wagtail import hooks
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from knowledge.models import PracticeCasePage

from .workflow import review_outcome


def announce_review(request, task_state):
    """Add the outcome as a success message; False when the task was not decided."""
    message = review_outcome(task_state) if task_state is not None else None
    if message:
        messages.success(request, message)
    return bool(message)


class CaseEditView(EditView):
    reviewed_task_state = None

    def perform_workflow_action(self):
        self.reviewed_task_state = self.page.current_workflow_task_state
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        # Instead of "page updated": what the decision did.
        if not announce_review(self.request, self.reviewed_task_state):
            super().add_save_confirmation_message()


class CaseWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        announce_review(request, self.task_state)
        return response


class PracticeCasePageViewSet(PageViewSet):
    model = PracticeCasePage
    edit_view_class = CaseEditView
    workflow_action_view_class = CaseWorkflowActionView


@hooks.register("register_admin_viewset")
def register_practice_case_viewset():
    return PracticeCasePageViewSet("praktijkvoorbeelden_beheer")
