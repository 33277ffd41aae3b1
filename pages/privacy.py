"""Your data: what Spinewell keeps and where, what it never sends, and the controls to download, load or delete it."""

import streamlit as st

from spinewell.storage import browser
from spinewell.storage.settings import HOSTED
from spinewell.ui import bundle_panel, navigation

navigation.route_through_app()  # a first deep link to /privacy still goes through app.py (other pages: cache.content)
settings = bundle_panel.settings()

st.title("Your data and privacy")
st.markdown("Spinewell has no account and sends nothing about you anywhere. This page says what it keeps, where, "
            "and how to take it with you or delete it.")

st.header("What is kept, and where")
if settings.keeps_files:
    st.markdown(
        f"Spinewell keeps these files on the computer running it (its data folder is `{settings.data_dir}`):\n"
        f"- `{settings.profile_path.name}`: {bundle_panel.profile_contents()}.\n"
        + (f"- `{settings.log_path}`: your diary, the entries you add on the Log page and on Today.\n"
           if settings.log_path else "- your diary is not saved to a file (that is turned off): it stays in this "
           "tab's session until you close the tab.\n")
        + "- copies kept beside them, so a mistake can be undone: the diary as it was before each change "
        "(`.bak` files, the last five), and a profile Spinewell could not open or that you deleted "
        "(`profile.damaged-…json`, `profile.deleted-…json`).\n\n"
        "They stay there until you delete them, and only people who can open that folder can read them."
    )
elif settings.backend == HOSTED:
    st.markdown(
        "Everything Spinewell knows about you is kept in this browser, on this device: "
        f"{bundle_panel.profile_contents()}, and your diary. The server running Spinewell keeps none of it: it "
        "only sees it while this page is open, to show it to you.\n\n"
        "- It stays in this browser until you delete it below, or clear this site's data in the browser's "
        "settings. Anyone who uses this browser on this device can see it.\n"
        "- Another browser or device does not see it. Download everything below to take it there.\n"
        f"- A browser keeps only so much for each site: Spinewell uses at most {browser.LIMIT // 1_000_000} "
        "million characters, tens of thousands of diary entries. If it is ever full, Spinewell says so and "
        "keeps what was saved before."
    )
else:
    diary_file = (f" Your diary is the exception: it is saved in the file `{settings.log_path}`."
                  if settings.log_path else "")
    st.markdown(
        "Nothing is written to disk. What Spinewell knows about you is kept only in this browser tab's session, "
        "in the memory of the server running Spinewell, and it is gone when you close the tab or the server "
        f"restarts.{diary_file} Download everything below to keep a copy, and load it back next time."
    )
st.markdown("A file you upload on the Log page is only read, in this session; it is not saved, on the server or in "
            "this browser.")

st.header("What is never sent anywhere")
st.markdown(
    "- No usage statistics: Streamlit's are turned off (`gatherUsageStats = false` in `.streamlit/config.toml`).\n"
    "- No requests to other websites: no web fonts, no outside pictures, no tracking, no adverts. Everything you "
    "see comes from the computer running Spinewell.\n"
    "- No account: nothing links what is kept to your name or email."
)

st.header("Take it with you")
st.markdown("One file holds everything above: your profile and every diary row. Keep it somewhere safe, or load it "
            "on another computer or browser.")
bundle_panel.download(settings)

st.header("Load it back")
st.markdown("Load a file made by **Download everything**. It replaces what Spinewell holds now; you are asked first.")
bundle_panel.load_back(settings)

st.header("Delete everything")
st.markdown("Deletes your profile and your diary, and Spinewell starts again as for someone new. You are asked first.")
bundle_panel.delete_everything(settings)
