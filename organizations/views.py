"""Public organization pages. (Skeleton: the organizations issue fills these in.)"""

from django.views.generic import DetailView, TemplateView

from organizations.models import Cadre, Organization


class ChartView(TemplateView):
    template_name = "organizations/chart.html"


class OrganizationDetailView(DetailView):
    model = Organization
    template_name = "organizations/organization_detail.html"


class LeadershipView(TemplateView):
    template_name = "organizations/leadership.html"


class CadreDetailView(DetailView):
    model = Cadre
    template_name = "organizations/cadre_detail.html"
