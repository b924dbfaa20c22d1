// Great-circle distance on a spherical Earth (haversine), accurate to ~0.5 % which is ample
// for "which kecamatan office is nearest".
#pragma once

namespace ktpel {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace ktpel
