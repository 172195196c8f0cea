app_name = "vrijwilligers"
urlpatterns = []
