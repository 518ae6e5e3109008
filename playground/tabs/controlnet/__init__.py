"""The ControlNet tab: digits and figures steered by edge maps and poses."""

from playground.tab import Tab, View
from playground.tabs.controlnet import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.controlnet.ui import TOUR


def build(demo, course=()) -> None:
    from models.diffusion.control.figures import LIMITS, PRESETS
    from playground.gpu import gpu_task
    from playground.tabs.controlnet import handlers as cn
    from playground.tabs.controlnet.ui import ControlNetCallables, build_controlnet_tab

    build_controlnet_tab(
        ControlNetCallables(
            edge_sources=cn.EDGE_SOURCES,
            photos=cn.PHOTOS,
            preprocessors=cn.PREPROCESSORS,
            edge_classes=cn.EDGE_CLASSES,
            pose_sources=cn.POSE_SOURCES,
            pose_classes=cn.POSE_CLASSES,
            presets=tuple(PRESETS),
            angles=cn.ANGLES,
            limits=LIMITS,
            controlnet_edge=gpu_task(cn.controlnet_edge),
            controlnet_edge_preview=cn.controlnet_edge_preview,
            controlnet_edge_page_preview=cn.controlnet_edge_page_preview,
            controlnet_pose=gpu_task(cn.controlnet_pose),
            controlnet_pose_preview=cn.controlnet_pose_preview,
            preset_angles=cn.preset_angles,
            read_keypoint_file=cn.read_keypoint_file,
        ),
        demo,
    )


TAB = Tab(
    "controlnet",
    "ControlNet",
    needs=("diffusion_figures", "controlnet_edge", "controlnet_pose"),
    build=build,
    tour=TOUR,
    summary="steering a diffusion model with edges and poses.",
    main=View("#ce-gallery", "#ce-run"),
    sub_tabs={"controlnet-pose": View("#cp-gallery", "#cp-run")},
    tour_check=(1, "#ce-status"),
    lecture_link=("&run=ce-run", "#ce-status"),
    tour_figures={1: "#ce-strip", 2: "#ce-strip", 4: "#cp-strip", 5: "#cp-strip"},
)
