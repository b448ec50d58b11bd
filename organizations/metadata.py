"""What the organization pages tell machines: their pagemeta.Metadata (docs/metadata.md).

A cadre's Person node carries only public fields (name, photo, biography, positions):
never `Cadre.PRIVATE_FIELDS`.
"""

from django.urls import reverse

import pagemeta


def _home():
    return ("Trang chủ", reverse("portal:home"))


def _chart():
    return ("Sơ đồ tổ chức", reverse("organizations:chart"))


def chart(request, chart):
    url = reverse("organizations:chart")
    root = chart.root.name if chart.root else "Đảng bộ Khối"
    title = "Sơ đồ tổ chức" + ("" if chart.is_today else f" ngày {chart.day:%d/%m/%Y}")
    description = (
        f"Sơ đồ tổ chức {root}: các đảng bộ cơ sở, chi bộ cơ sở và tổ chức đảng trực thuộc."
    )
    return pagemeta.Metadata(
        title=title,
        description=description,
        url=url,
        date=chart.day,
        breadcrumbs=[_home(), ("Sơ đồ tổ chức", url)],
        schema=[
            {
                "@type": "WebPage",
                "name": title,
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
            }
        ],
    )


def organization_trail(org):
    trail = [_home(), _chart()]
    if org.parent and not org.parent.is_bloc:
        trail.append((org.parent.name, org.parent.get_absolute_url()))
    trail.append((org.short_name or org.name, org.get_absolute_url()))
    return trail


def organization(request, org):
    url = org.get_absolute_url()
    description = f"{org.get_kind_display()} {org.name}" + (
        f", trực thuộc {org.parent.name}" if org.parent else ""
    )
    description += ": lãnh đạo, tổ chức trực thuộc, lịch sử, nhiệm kỳ và tin tức."
    node = {
        "@type": "Organization",
        "name": org.name,
        "url": pagemeta.absolute(request, url),
        "description": org.description or description,
    }
    if org.short_name:
        node["alternateName"] = org.short_name
    if org.parent:
        node["parentOrganization"] = {
            "@type": "Organization",
            "name": org.parent.name,
            "url": pagemeta.absolute(request, org.parent.get_absolute_url()),
        }
    if org.established_on:
        node["foundingDate"] = org.established_on.isoformat()
    if org.ended_on:
        node["dissolutionDate"] = org.ended_on.isoformat()
    if org.address:
        node["address"] = {
            "@type": "PostalAddress",
            "streetAddress": org.address,
            "addressCountry": "VN",
        }
    if org.phone:
        node["telephone"] = org.phone
    if org.email:
        node["email"] = org.email
    return pagemeta.Metadata(
        title=org.name,
        description=description,
        url=url,
        modified=org.updated_at,
        date=org.updated_at.date() if org.updated_at else None,
        breadcrumbs=organization_trail(org),
        schema=[node],
    )


def leadership(request, bloc):
    url = reverse("organizations:leadership")
    name = bloc.name if bloc else "Đảng bộ Khối"
    description = (
        f"Ban Thường vụ, Ban Chấp hành, Ủy ban Kiểm tra {name} và lãnh đạo qua các thời kỳ."
    )
    return pagemeta.Metadata(
        title="Lãnh đạo Đảng ủy Khối",
        description=description,
        url=url,
        breadcrumbs=[
            _home(),
            ("Tổ chức đảng", reverse("organizations:chart")),
            ("Lãnh đạo Đảng ủy Khối", url),
        ],
        schema=[
            {
                "@type": "WebPage",
                "name": "Lãnh đạo Đảng ủy Khối",
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
            }
        ],
    )


def cadre(request, cadre, current_positions):
    """Person: name, photo, public biography, current positions; no private field."""
    url = cadre.get_absolute_url()
    description = cadre.full_name
    if current_positions:
        first = current_positions[0]
        description += f", {first.get_title_display()} {first.organization.name}"
    description += "."
    image = pagemeta.image_file(cadre.photo, alt=cadre.full_name)
    person = {
        "@type": "Person",
        "name": cadre.full_name,
        "url": pagemeta.absolute(request, url),
    }
    if image:
        person["image"] = pagemeta.image_object(request, image)
    if cadre.biography:
        person["description"] = cadre.biography[:500]
    if current_positions:
        person["jobTitle"] = [position.full_title() for position in current_positions]
        person["worksFor"] = [
            {
                "@type": "Organization",
                "name": position.organization.name,
                "url": pagemeta.absolute(request, position.organization.get_absolute_url()),
            }
            for position in current_positions
        ]
    return pagemeta.Metadata(
        title=cadre.full_name,
        description=description,
        url=url,
        type="profile",
        image=image,
        breadcrumbs=[
            _home(),
            ("Lãnh đạo", reverse("organizations:leadership")),
            (cadre.full_name, url),
        ],
        schema=[person],
    )
