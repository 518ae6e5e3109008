"""The latent-diffusion tab: Stable Diffusion's pipeline in miniature on the digits — autoencoders
at f = 2, 4, 8, a class-conditional latent UNet with guidance, img2img, inpainting and the negative
class, beside the pixel model."""

from playground.tab import Tab, View
from playground.tabs.latent import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.latent.handlers import NEEDS
from playground.tabs.latent.ui import TOUR


def build(demo, course=()) -> None:
    from models.diffusion.samplers import SAMPLERS
    from playground.gpu import gpu_task
    from playground.pictures import digit_image
    from playground.tabs.latent import autoencoders, editing, handlers
    from playground.tabs.latent.ui import LatentCallables, build_latent_tab

    def test_digit_picture(index):
        from models.core.data import digit_split
        from playground import validate

        i = validate.number(index, 0, 499, "test digit #", integer=True)
        return digit_image(digit_split().x_test[i], 280).convert("RGBA")

    build_latent_tab(
        LatentCallables(
            classes=handlers.CLASSES,
            digits=handlers.DIGITS,
            samplers=SAMPLERS,
            sources=editing.SOURCES,
            masks=editing.MASKS,
            strength=editing.RECOMMENDED_STRENGTH,
            factor_table=autoencoders.factor_table,
            ldm_sample=gpu_task(handlers.ldm_sample),
            ldm_compare=gpu_task(handlers.ldm_compare),
            ldm_img2img=gpu_task(editing.ldm_img2img),
            ldm_inpaint=gpu_task(editing.ldm_inpaint),
            ldm_negative=gpu_task(handlers.ldm_negative),
            autoencoder_reconstruct=gpu_task(autoencoders.autoencoder_reconstruct),
            test_digit_picture=test_digit_picture,
        ),
        demo,
    )


TAB = Tab(
    "latent",
    "Latent diffusion",
    needs=NEEDS,
    build=build,
    tour=TOUR,
    summary="Stable Diffusion's pipeline in miniature — autoencoder, latent UNet, img2img.",
    main=View("#ldm-pipeline", "#ldm-run"),
    sub_tabs={
        "latent-compare": View("#cmp-latent", "#ldm-compare-run"),
        "latent-img2img": View("#i2i-result", "#i2i-run"),
        "latent-inpaint": View("#inp-picture", "#inp-run"),
        "latent-negative": View("#neg-away", "#neg-run"),
        "latent-autoencoder": View("#ae-strip", "#ae-run"),
    },
    tour_check=(1, "#ldm-status"),
    lecture_link=("&ldm-steps=20&run=ldm-run", "#ldm-status"),
)
